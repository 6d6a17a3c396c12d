package org.elman.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one line on standard error,
 * {@code <command>: <file>: <problem>}, and exit code {@value Elman#EXIT_FAILURE}; with
 * {@code --verbose} the stack trace follows.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex));
        if (verbose(parseResult)) ex.printStackTrace(err);
        err.flush();
        return Elman.EXIT_FAILURE;
    }

    /** One line: the message, with the file named for file-system errors that do not say the problem. */
    static String describe(Throwable ex) {
        if (ex instanceof FileSystemException fse && fse.getReason() == null) {
            String file = fse.getFile();
            if (ex instanceof NoSuchFileException) return file + ": file not found";
            if (ex instanceof AccessDeniedException) return file + ": permission denied";
            if (ex instanceof NotDirectoryException) return file + ": not a directory";
            return file + ": " + ex.getClass().getSimpleName();
        }
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            return ex.getClass().getSimpleName() + (ex.getCause() != null ? ": " + describe(ex.getCause()) : "");
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** True when {@code --verbose} was given on the top command or any subcommand. */
    static boolean verbose(ParseResult pr) {
        for (ParseResult r = pr; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }
}
