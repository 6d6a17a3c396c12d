package org.elman.models.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The library entry point of {@code elman train CONFIG}: reads and validates the YAML recipe
 * ({@link TrainConfig}), then trains ({@link Trainer}), resuming from the output folder's
 * checkpoint when there is one. Progress lines go to {@code out}.
 *
 * <pre>{@code
 * Trainer.Result r = TrainCommand.run(Path.of("recipes/synth-en/conf/tdnn.yaml"), System.out);
 * }</pre>
 */
public final class TrainCommand {
    private TrainCommand() {
    }

    /**
     * @throws TrainConfigException for a bad config (the message names the file and the key)
     * @throws IOException          for unreadable data or unwritable output
     */
    public static Trainer.Result run(Path config, PrintStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        TrainConfig cfg = TrainConfig.load(config);
        return new Trainer(cfg, out).run();
    }

    /** {@code java org.elman.models.train.TrainCommand CONFIG.yaml}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TrainCommand CONFIG.yaml");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]), System.out);
        } catch (TrainConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
