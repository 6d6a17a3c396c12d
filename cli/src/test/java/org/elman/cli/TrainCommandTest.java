package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elman train}: a short run on the yes/no fixtures, and its error paths. */
class TrainCommandTest {
    private static final Path YESNO = Path.of("../models/src/test/resources/speech/yesno").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path recipe(String extraTraining) throws Exception {
        String yaml = "data:\n  train: " + YESNO + "\n  dev: " + YESNO + "\n"
                + "model:\n  architecture: tdnn\n  hidden_dim: 16\n"
                + "frontend:\n  numMelBins: 40\n"
                + "tokenizer:\n  type: char\n  symbols: denopsuwy\n"
                + "training:\n  output_dir: exp\n  lr: 0.003\n  epochs: 1\n  batch_utterances: 8\n  checkpoint_every: 0\n"
                + extraTraining;
        Path f = tmp.resolve("recipe.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void trainsAndWritesModelsAndLog() throws Exception {
        Cli r = Cli.run("train", recipe("").toString());
        assertEquals(Elman.EXIT_OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("trained 2 steps over 1 epochs"), r.out());
        for (String f : new String[] {"best.safetensors", "final.safetensors", "train_log.csv", "curves.png"}) {
            assertTrue(Files.isRegularFile(tmp.resolve("exp").resolve(f)), f + " missing");
        }
        Cli models = Cli.run("models", "--no-default", "--dir", tmp.resolve("exp").toString());
        assertEquals(Elman.EXIT_OK, models.exitCode(), models.err());
        assertTrue(models.out().contains("best.safetensors"), models.out());
    }

    @Test
    void badRecipeIsOneLineNamingFileAndKey() throws Exception {
        Cli r = Cli.run("train", recipe("  learning_rate: 0.1\n").toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("recipe.yaml") && r.err().contains("learning_rate"), r.err());
    }

    @Test
    void missingRecipeIsNamed() {
        Path missing = tmp.resolve("none.yaml");
        Cli r = Cli.run("train", missing.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals("elman train: " + missing + ": training recipe not found", r.err().strip());
        assertEquals(Elman.EXIT_USAGE, Cli.run("train").exitCode());
    }
}
