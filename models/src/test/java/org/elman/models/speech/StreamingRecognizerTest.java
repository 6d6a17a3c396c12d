package org.elman.models.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.elman.audio.AudioData;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.io.AudioFiles;
import org.elman.models.data.token.CharTokenizer;
import org.junit.jupiter.api.Test;

class StreamingRecognizerTest {
    private static final CharTokenizer TOK = new CharTokenizer("denopsuwy");
    private static final FrontendConfig FE = FrontendConfig.builder().optNumMelBins(20).build();

    private static AudioData audio() throws Exception {
        return AudioFiles.read(YesNoFixtures.dir().resolve("down_enus_f2.wav"), 16000);
    }

    private static void assertStreamedEqualsOffline(Recognizer r, AudioData a, IntUnaryOperator chunk) {
        Recognizer.Result offline = r.recognize(a);
        StreamingRecognizer s = r.newSession();
        float[] x = a.samples();
        for (int i = 0, at = 0; at < x.length; i++) {
            int len = Math.min(chunk.applyAsInt(i), x.length - at);
            s.acceptWaveform(x, at, len);
            at += len;
        }
        s.inputFinished();
        Recognizer.Result streamed = s.result();
        assertTrue(offline.tokens().length > 0, "the untrained model should emit something to compare");
        assertArrayEquals(offline.tokens(), streamed.tokens());
        assertEquals(offline.text(), streamed.text());
        assertEquals(offline.score(), streamed.score(), 1e-3);
    }

    @Test
    void streamedAudioGivesTheOfflineResult() throws Exception {
        AudioData a = audio();
        Random rng = new Random(3);
        List<AcousticModel> models = List.of(
                TdnnModel.builder().setInputDim(20).setVocabSize(TOK.size()).optHiddenDim(16).optSeed(4).build(),
                BiLstmCtcModel.builder().setInputDim(20).setVocabSize(TOK.size()).optHiddenDim(8).optLayers(2)
                        .optBidirectional(false).optLookahead(1).optSeed(5).build());
        for (AcousticModel m : models) {
            for (int beam : new int[] {1, 4}) {
                Recognizer r = Recognizer.builder().setModel(m).setTokenizer(TOK).optFrontend(FE).optUtteranceCmvn(false)
                        .optBeamWidth(beam).build();
                for (int size : new int[] {37, 160, 1000, a.samples().length}) assertStreamedEqualsOffline(r, a, i -> size);
                assertStreamedEqualsOffline(r, a, i -> 1 + rng.nextInt(700));
            }
        }
    }

    @Test
    void refusesWhatCannotStream() throws Exception {
        TdnnModel tdnn = TdnnModel.builder().setInputDim(20).setVocabSize(TOK.size()).optHiddenDim(4).build();
        Recognizer withCmvn = Recognizer.builder().setModel(tdnn).setTokenizer(TOK).optFrontend(FE).build();
        assertFalse(withCmvn.canStream());
        assertThrows(IllegalArgumentException.class, withCmvn::newSession);
        BiLstmCtcModel bi = BiLstmCtcModel.builder().setInputDim(20).setVocabSize(TOK.size()).optHiddenDim(4).optLayers(1).build();
        Recognizer bidirectional = Recognizer.builder().setModel(bi).setTokenizer(TOK).optFrontend(FE).optUtteranceCmvn(false).build();
        assertFalse(bidirectional.canStream());
        assertThrows(IllegalArgumentException.class, bidirectional::newSession);
        Recognizer streaming = Recognizer.builder().setModel(tdnn).setTokenizer(TOK).optFrontend(FE).optUtteranceCmvn(false).build();
        assertTrue(streaming.canStream());
        StreamingRecognizer s = streaming.newSession();
        assertThrows(IllegalStateException.class, s::result);
        s.acceptWaveform(audio().samples(), 0, 800);
        assertEquals(3, s.framesConsumed());
        s.inputFinished();
        assertThrows(IllegalStateException.class, () -> s.acceptWaveform(new float[10], 0, 10));
    }
}
