package org.elman.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.elman.models.text.CharRnnDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code elman demo}: small self-contained demonstrations. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Demonstrations.",
        subcommands = {DemoCommand.CharRnn.class})
final class DemoCommand extends CommandGroup {

    @Command(name = "charrnn", mixinStandardHelpOptions = true,
            description = {"Trains a character-level LSTM on English text, then samples from it.",
                "Trains for a fixed time printing the loss, then samples 300 characters. Default text:",
                "Debian's fortunes when installed, else a bundled GPL text."})
    static final class CharRnn implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--text", paramLabel = "FILE", description = "Training text (UTF-8).")
        Path text;

        @Option(names = "--seconds", paramLabel = "N", defaultValue = "60", description = "Training time (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--hidden", paramLabel = "H", defaultValue = "256", description = "LSTM hidden size (default: ${DEFAULT-VALUE}).")
        int hidden;

        @Override
        public Integer call() throws IOException {
            if (seconds < 1) throw new ParameterException(spec.commandLine(), "--seconds must be >= 1, got " + seconds);
            if (hidden < 1) throw new ParameterException(spec.commandLine(), "--hidden must be >= 1, got " + hidden);
            List<String> args = new ArrayList<>(List.of("--seconds", Integer.toString(seconds), "--hidden", Integer.toString(hidden)));
            if (text != null) args.addAll(List.of("--text", Inputs.file(text, "text file").toString()));
            CharRnnDemo.main(args.toArray(String[]::new));
            return Elman.EXIT_OK;
        }
    }
}
