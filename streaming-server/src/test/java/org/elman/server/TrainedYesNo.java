package org.elman.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elman.audio.AudioData;
import org.elman.audio.pcm.Resampler;
import org.elman.audio.feature.FrontendConfig;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.Utterance;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.speech.CtcTrainer;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;
import org.elman.optim.Adam;
import org.elman.tensor.Sequences;
import org.elman.tensor.Tensor;

/**
 * A tiny TDNN trained (once per test JVM and link rate, then shared read-only) on the yes/no fixtures
 * as they sound after an 8 kHz telephone link: as recorded and with faint noise around them, plus
 * noise alone as all-blank, so that it learns quiet as blank. With another link rate the 8 kHz audio
 * is then carried as PCM16 at that rate with a faint noise floor over the whole band (as a browser
 * capturing at 16 kHz sends it): such a tiny model learns the near-empty 4..8 kHz band of 8 kHz
 * audio, and a model trained on the 8 kHz link alone is confused by anything there.
 */
final class TrainedYesNo {
    static final CharTokenizer TOK = new CharTokenizer("denopsuwy");
    private static final int STEPS = 120;
    private static final Map<Integer, Recognizer> TRAINED = new HashMap<>();

    private TrainedYesNo() {
    }

    /** Trained on the 8 kHz link. */
    static Recognizer recognizer() throws Exception {
        return recognizer(8000);
    }

    /** Trained on the 8 kHz audio carried as PCM16 at {@code linkRateHz}. */
    static synchronized Recognizer recognizer(int linkRateHz) throws Exception {
        Recognizer r = TRAINED.get(linkRateHz);
        if (r == null) {
            long t0 = System.nanoTime();
            TRAINED.put(linkRateHz, r = train(linkRateHz));
            System.out.printf("trained the yes/no TDNN for a %d Hz link in %.1f s%n", linkRateHz, (System.nanoTime() - t0) * 1e-9);
        }
        return r;
    }

    /**
     * The 8 kHz PCM16 audio carried as PCM16 at {@code linkRateHz} with faint noise over the whole band
     * (a microphone's floor; it keeps the band above 4 kHz from being near-empty, where a tiny model
     * would learn to expect silence), as a browser capturing at that rate sends it.
     */
    static byte[] link(byte[] pcm8k, int linkRateHz, long seed) {
        float[] x = Resampler.resample(Pcm16.toFloats(pcm8k), 8000, linkRateHz);
        java.util.Random rng = new java.util.Random(seed);
        for (int i = 0; i < x.length; i++) x[i] += (float) (rng.nextGaussian() * 1e-3);
        return Pcm16.fromFloats(x);
    }

    /** What the server hears of 8 kHz PCM16 audio carried at {@code linkRateHz} (see {@link #link}). */
    static AudioData heard(byte[] pcm8k, int linkRateHz, long seed) {
        if (linkRateHz == 8000) return Fixtures.asModelHears(pcm8k);
        return new AudioData(Resampler.resample(Pcm16.toFloats(link(pcm8k, linkRateHz, seed)), linkRateHz, 16000), 16000);
    }

    private static Recognizer train(int linkRateHz) throws Exception {
        FrontendConfig fe = FrontendConfig.builder().optNumMelBins(20).build();
        TdnnModel model = TdnnModel.builder().setInputDim(20).setVocabSize(TOK.size()).optHiddenDim(48).optSeed(1).build();
        Recognizer rec = Recognizer.builder().setModel(model).setTokenizer(TOK).optFrontend(fe).optUtteranceCmvn(false).build();
        List<Tensor> feats = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (Utterance u : KaldiDataDir.read(Fixtures.YESNO)) {
            byte[] pcm = Fixtures.pcm8k(u.audio().getFileName().toString());
            byte[] padded = Fixtures.concat(Fixtures.quiet8k(0.3, feats.size()), pcm, Fixtures.quiet8k(0.5, -feats.size()));
            for (byte[] audio : new byte[][] {pcm, padded}) {   // as recorded, and with quiet around it
                feats.add(rec.features(heard(audio, linkRateHz, feats.size())));
                targets.add(TOK.encode(u.text()));
            }
        }
        for (int i = 0; i < 4; i++) {   // quiet alone: all blank
            feats.add(rec.features(heard(Fixtures.quiet8k(1.0, 1000 + i), linkRateHz, 1000 + i)));
            targets.add(new int[0]);
        }
        int[] lengths = new int[feats.size()];
        Tensor x = Sequences.padTimeMajor(feats, lengths);
        CtcTrainer trainer = new CtcTrainer(model, Adam.builder().setParams(model.parameters()).setLr(3e-3).build(), 5.0);
        for (int step = 0; step < STEPS; step++) trainer.step(x, lengths, targets.toArray(new int[0][]));
        model.module().eval();
        return rec;
    }
}
