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
        Tensor x = batch(feats, lengths);
        CtcTrainer trainer = new CtcTrainer(model, Adam.builder().setParams(model.parameters()).setLr(3e-3).build(), 5.0);
        double loss = Double.NaN;
        for (int step = 0; step < STEPS; step++) loss = trainer.step(x, lengths, targets.toArray(new int[0][]));
        ModelFiles.save(file, rec);
        return loss;
    }

    /** Pads (T, F) matrices into a (Tmax, N, F) batch; fills {@code lengths}. */
    private static Tensor batch(List<Tensor> feats, int[] lengths) {
        int tMax = 0;
        for (int i = 0; i < feats.size(); i++) {
            lengths[i] = feats.get(i).size(0);
            tMax = Math.max(tMax, lengths[i]);
        }
        int n = feats.size();
        int f = feats.get(0).size(1);
        float[] out = new float[tMax * n * f];
        for (int b = 0; b < n; b++) {
            float[] src = feats.get(b).toArray();
            for (int t = 0; t < lengths[b]; t++) System.arraycopy(src, t * f, out, (t * n + b) * f, f);
        }
        return Tensor.of(out, tMax, n, f);
    }
}
