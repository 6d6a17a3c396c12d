package org.elman.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elman.audio.AudioData;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.io.AudioFiles;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.Utterance;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.CtcTrainer;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;
import org.elman.optim.Adam;
import org.elman.tensor.Sequences;
import org.elman.tensor.Tensor;

/**
 * A tiny TDNN trained with CTC on the models module's espeak-ng yes/no/up/down fixtures (all 16
 * utterances, greedy decoding) and saved as a model file, for the transcribe and eval tests.
 */
final class YesNoModel {
    static final Path DATA = Path.of("../models/src/test/resources/speech/yesno").toAbsolutePath().normalize();
    static final int STEPS = 150;

    private static Path cached;

    private YesNoModel() {
    }

    /** The trained model file, trained once per test JVM (in a temporary folder removed at exit). */
    static synchronized Path file() throws Exception {
        if (cached == null) {
            Path dir = Files.createTempDirectory("elman-cli-yesno");
            Path f = dir.resolve("yesno.safetensors");
            long start = System.nanoTime();
            double loss = train(f);
            System.out.printf("yes/no TDNN for the cli tests: CTC loss %.4f after %d steps, %.1f s%n", loss, STEPS, (System.nanoTime() - start) / 1e9);
            f.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            cached = f;
        }
        return cached;
    }

    static Path audio(String uttId) {
        return DATA.resolve(uttId + ".wav");
    }

    /** Trains the model and writes it to {@code file}; returns the final CTC loss. */
    static double train(Path file) throws Exception {
        if (!Files.isDirectory(DATA)) throw new IllegalStateException("fixtures not found at " + DATA);
        CharTokenizer tok = new CharTokenizer("denopsuwy");
        FrontendConfig fe = FrontendConfig.builder().optNumMelBins(40).build();
        TdnnModel model = TdnnModel.builder().setInputDim(40).setVocabSize(tok.size()).optHiddenDim(64).optSeed(1).build();
        Recognizer rec = Recognizer.builder().setModel(model).setTokenizer(tok).optFrontend(fe).build();
        List<Tensor> feats = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (Utterance u : KaldiDataDir.read(DATA)) {
            AudioData a = AudioFiles.read(DATA.resolve(u.audio()), 16000);
            feats.add(rec.features(a));
            targets.add(tok.encode(u.text()));
        }
        int[] lengths = new int[feats.size()];
        Tensor x = Sequences.padTimeMajor(feats, lengths);
        CtcTrainer trainer = new CtcTrainer(model, Adam.builder().setParams(model.parameters()).setLr(3e-3).build(), 5.0);
        double loss = Double.NaN;
        for (int step = 0; step < STEPS; step++) loss = trainer.step(x, lengths, targets.toArray(new int[0][]));
        ModelFiles.save(file, rec);
        return loss;
    }

}
