package org.elman.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors: the problem on one line, suggestions for mistyped options or subcommands, and a
 * pointer to {@code --help}; exit code {@value Elman#EXIT_USAGE}. The full usage text is only
 * printed when no subcommand was given.
 */
final class UsageErrorReporter implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        if (!cmd.getSubcommands().isEmpty() && "missing subcommand".equals(ex.getMessage())) {
            cmd.usage(err);
        } else {
            err.println("Try '" + name + " --help' for more information.");
        }
        err.flush();
        return Elman.EXIT_USAGE;
    }
}
