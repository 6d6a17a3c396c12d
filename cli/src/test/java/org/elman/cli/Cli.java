package org.elman.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code elman} in-process with captured standard output and error. */
record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
        CommandLine cl = Elman.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new Cli(rc, out.toString(), err.toString());
    }

    /** Standard error as lines. */
    String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\n");
    }
}
