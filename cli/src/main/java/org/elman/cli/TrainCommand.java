package org.elman.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elman.models.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code elman train CONFIG.yaml}: the speech training pipeline of {@code org.elman.models.train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a speech model from a YAML recipe (see recipes/synth-en/conf/).",
            "Writes checkpoints, best.safetensors, final.safetensors, train_log.csv and curves.png to the",
            "recipe's output folder; running the same command again resumes from the last checkpoint."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "Training recipe (YAML).")
    Path config;

    @Override
    public Integer call() throws IOException {
        PrintStream out = new PrintStream(new WriterOutputStream(spec), true, java.nio.charset.StandardCharsets.UTF_8);
        Trainer.Result r = org.elman.models.train.TrainCommand.run(Inputs.file(config, "training recipe"), out);
        out.printf("trained %d steps over %d epochs; best dev WER %.2f %%, CER %.2f %%%s; models in %s%n",
                r.steps(), r.epochs(), 100 * r.bestDevWer(), 100 * r.bestDevCer(),
                r.stoppedEarly() ? " (stopped early)" : "", r.outputDir());
        out.flush();
        return Elman.EXIT_OK;
    }

    /** Bytes to the command's output writer (so in-process callers capture the progress lines). */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final CommandSpec spec;

        WriterOutputStream(CommandSpec spec) {
            this.spec = spec;
        }

        @Override
        public void write(int b) {
            spec.commandLine().getOut().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            spec.commandLine().getOut().write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            spec.commandLine().getOut().flush();
        }
    }
}
