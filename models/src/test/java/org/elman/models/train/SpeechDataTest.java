package org.elman.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.elman.audio.AudioData;
import org.elman.audio.augment.Narrowband;
import org.elman.audio.io.AudioFiles;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechDataTest {
    @TempDir
    Path tmp;

    private static Recognizer recognizer() {
        CharTokenizer tok = new CharTokenizer("denopsuwy");
        return Recognizer.builder().setModel(TdnnModel.builder().setInputDim(40).setVocabSize(tok.size()).build())
                .setTokenizer(tok).optFrontend(org.elman.audio.feature.FrontendConfig.fromMap(java.util.Map.of("numMelBins", "40")))
                .optUtteranceCmvn(false).build();
    }

    /** The yes/no training dir, features cached. */
    private SpeechData trainSet(Recognizer rec) throws Exception {
        TrainFixtures.writeDirs(tmp);
        return SpeechData.load(tmp.resolve("train"), rec, new CharTokenizer("denopsuwy"), true, false);
    }

    /** The front end's features of utterance i's audio after {@code change}, computed here without SpeechData. */
    private static Tensor featuresOfChanged(Recognizer rec, SpeechData d, int i, java.util.function.UnaryOperator<float[]> change)
            throws Exception {
        int rate = rec.frontend().sampleRateHz();
        float[] audio = AudioFiles.read(d.utterance(i).audio(), rate).samples();
        return rec.features(new AudioData(change.apply(audio), rate));
    }

    /** Telephone-band features are those of the band-limited audio, differ from the wideband ones, and are not cached. */
    @Test
    void narrowbandFeaturesAreThoseOfTheBandLimitedAudio() throws Exception {
        Recognizer rec = recognizer();
        SpeechData d = trainSet(rec);
        int rate = rec.frontend().sampleRateHz();
        Tensor expected = featuresOfChanged(rec, d, 0, x -> Narrowband.apply(x, rate, Narrowband.TELEPHONE_RATE_HZ));
        Tensor narrow = d.features(0, 1.0, true, 1.0);
        float[] narrowValues = narrow.toArray();
        assertArrayEquals(expected.toArray(), narrowValues, 0f);
        float[] wide = d.features(0).toArray();
        double diff = 0;
        for (int i = 0; i < wide.length; i++) diff = Math.max(diff, Math.abs(wide[i] - narrowValues[i]));
        assertTrue(diff > 1, "the upper mel bands must lose their energy, max log-mel change " + diff);
        assertTrue(d.features(0, 1.0, true, 1.0) != narrow, "computed at each use, not cached");
    }

    /** A gain change gives the features of the scaled audio; without any change the cached features come back. */
    @Test
    void gainChangesAreThoseOfTheScaledAudio() throws Exception {
        Recognizer rec = recognizer();
        SpeechData d = trainSet(rec);
        Tensor expected = featuresOfChanged(rec, d, 1, x -> org.elman.audio.augment.VolumePerturb.apply(x, 0.1));
        assertArrayEquals(expected.toArray(), d.features(1, 1.0, false, 0.1).toArray(), 0f);
        assertTrue(d.features(1, 1.0, false, 1.0) == d.features(1), "no change: the cached features");
    }
}
