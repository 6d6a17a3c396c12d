package org.elman.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.Utterance;

/** The committed yes/no fixtures as Kaldi dirs and YAML recipes in a temp folder. */
final class TrainFixtures {
    /** The voice kept out of the training dir. */
    static final String HELD_OUT = "enus_f4";

    private TrainFixtures() {
    }

    static Path yesno() throws Exception {
        return Path.of(TrainFixtures.class.getResource("/speech/yesno/text").toURI()).getParent();
    }

    /** Writes {@code dir/train} (three voices, 12 utterances) and {@code dir/dev} (the held-out voice). */
    static void writeDirs(Path dir) throws Exception {
        Path src = yesno();
        List<Utterance> train = new ArrayList<>();
        List<Utterance> dev = new ArrayList<>();
        for (Utterance u : KaldiDataDir.read(src)) {
            Utterance abs = Utterance.whole(u.speaker() + "-" + u.id(), u.speaker(), src.resolve(u.audio()).toAbsolutePath(), u.text());
            (u.speaker().equals(HELD_OUT) ? dev : train).add(abs);
        }
        KaldiDataDir.write(dir.resolve("train"), train);
        KaldiDataDir.write(dir.resolve("dev"), dev);
    }

    static Path yaml(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** A small TDNN recipe on the yes/no dirs; {@code training} lines are appended to the section. */
    static String tdnn(String dev, String out, String training) {
        return "data:\n  train: train\n  dev: " + dev + "\n"
                + "model:\n  architecture: tdnn\n  hidden_dim: 32\n"
                + "frontend:\n  numMelBins: 40\n"
                + "tokenizer:\n  type: char\n  symbols: denopsuwy\n"
                + "training:\n  output_dir: " + out + "\n  lr: 0.003\n  log_every: 50\n" + training;
    }
}
