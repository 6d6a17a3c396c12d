package org.elman.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code elman} command line: transcription and evaluation, feature extraction, n-gram language models, corpus tools,
 * scoring, demos and model listing.
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} runtime failure (missing or
 * malformed input file, failed computation, problems found by {@code data validate}),
 * {@value #EXIT_USAGE} usage error (unknown option, missing or bad argument). Errors print one line
 * on standard error naming the file and the problem; {@code --verbose} adds the stack trace.
 *
 * <pre>
 * elman features speech.wav --type mfcc --format csv --out speech.csv
 * elman lm build corpus.txt --order 3 --out lm.arpa
 * </pre>
 */
@Command(name = "elman", mixinStandardHelpOptions = true, versionProvider = ElmanVersion.class,
        description = "Speech recognition and sequence labeling with recurrent networks.",
        subcommands = {FeaturesCommand.class, LmCommand.class, DataCommand.class, ScoreCommand.class, DemoCommand.class,
                TranscribeCommand.class, EvalCommand.class, TuneLmCommand.class, TrainCommand.class, ServeCommand.class, BenchServerCommand.class,
                ModelsCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  runtime failure (bad or missing input, failed run, problems found)",
                "  2  usage error (unknown option, missing or bad argument)"})
public final class Elman implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    /** Without a subcommand: usage on stderr, usage-error exit code. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** A command line with the error handling and exit codes described above. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Elman());
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler(new UsageErrorReporter());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
