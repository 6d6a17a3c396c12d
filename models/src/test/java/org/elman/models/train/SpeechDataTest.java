package org.elman.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elman.audio.AudioData;
import org.elman.audio.augment.Narrowband;
import org.elman.audio.io.AudioFiles;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.Utterance;
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
        return SpeechData.load(SpeechData.list(List.of(tmp.resolve("train"))), rec, new CharTokenizer("denopsuwy"), true, false);
    }

    /**
     * Two sources are used together, in order; a relative wav.scp path is resolved against its own
     * data directory; an id in two sources is an error naming both.
     */
    @Test
    void severalSourcesAreCombined() throws Exception {
        TrainFixtures.writeDirs(tmp);
        List<Utterance> train = KaldiDataDir.read(tmp.resolve("train"));
        Path other = tmp.resolve("other");
        Files.createDirectories(other.resolve("wav"));
        Files.copy(train.get(0).audio(), other.resolve("wav/a.wav"));
        KaldiDataDir.write(other, List.of(Utterance.whole("other-a", "other", other.resolve("wav/a.wav"), train.get(0).text())));
        Files.writeString(other.resolve("wav.scp"), "other-a wav/a.wav\n");     // relative, as Kaldi recipes often write
        List<Utterance> both = SpeechData.list(List.of(tmp.resolve("train"), other));
        assertEquals(train.size() + 1, both.size());
        assertEquals(other.resolve("wav/a.wav"), both.get(both.size() - 1).audio());
        SpeechData d = SpeechData.load(both, recognizer(), new CharTokenizer("denopsuwy"), true, false);
        assertArrayEquals(d.features(0).toArray(), d.features(train.size()).toArray(), 0f, "same audio, same features");
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> SpeechData.list(List.of(tmp.resolve("train"), tmp.resolve("train"))));
        assertTrue(e.getMessage().contains("is in both " + tmp.resolve("train") + " and " + tmp.resolve("train")), e.getMessage());
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
