package org.elman.models.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.elman.audio.feature.FrontendConfig;
import org.elman.ctc.decode.TokenTable;
import org.elman.models.data.token.CharTokenizer;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RecognizerAndHelpersTest {
    private static final CharTokenizer TOK = new CharTokenizer("ab");

    @Test
    void decodesLogProbsGreedyAndWithBeam() {
        TdnnModel m = TdnnModel.builder().setInputDim(80).setVocabSize(4).optHiddenDim(2).build();
        // frames: a a blank | b  -> "a b"; ids: 0 blank, 1 |, 2 a, 3 b
        float hi = 0f;
        float lo = -10f;
        float[][] rows = {{lo, lo, hi, lo}, {lo, lo, hi, lo}, {hi, lo, lo, lo}, {lo, hi, lo, lo}, {lo, lo, lo, hi}};
        Tensor lp = Tensor.matrix(rows);
        Recognizer greedy = Recognizer.builder().setModel(m).setTokenizer(TOK).build();
        assertEquals("a b", greedy.decode(lp).text());
        assertArrayEquals(new int[] {2, 1, 3}, greedy.decode(lp).tokens());
        Recognizer beam = Recognizer.builder().setModel(m).setTokenizer(TOK).optBeamWidth(4).build();
        assertEquals("a b", beam.decode(lp).text());
        Recognizer words = Recognizer.builder().setModel(m).setTokenizer(TOK).optBeamWidth(4).optLexicon(List.of("b", "bb")).build();
        assertEquals("ab", Recognizer.builder().setModel(m).setTokenizer(TOK).optBeamWidth(4).optLexicon(List.of("ab", "b")).build().decode(lp).text());
        assertEquals("b b", words.decode(lp).text());   // "a" is not a word: its frames become the cheapest lexicon path
    }

    @Test
    void builderErrors() {
        TdnnModel m = TdnnModel.builder().setInputDim(80).setVocabSize(4).optHiddenDim(2).build();
        assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().setTokenizer(TOK).build());
        assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().setModel(m).setTokenizer(new CharTokenizer("abc")).build());
        assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().setModel(m).setTokenizer(TOK)
                .optFrontend(FrontendConfig.builder().optNumMelBins(40).build()).build());
        assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().setModel(m).setTokenizer(TOK).optLexicon(List.of("ab")).build());
        assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().setModel(m).setTokenizer(TOK).optBeamWidth(0).build());
        assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().setModel(m).setTokenizer(TOK).optJointCtcWeight(0.3f).build(),
                "joint decoding needs an attention decoder");
        TokenTable t = Recognizer.tokenTable(TOK);
        assertEquals(0, t.blank());
        assertEquals(1, t.separator());
    }

    @Test
    void frameStackingAndEdgePaddingPickTheRightFrames() {
        Tensor x = Tensor.of(new float[] {0, 10, 1, 11, 2, 12, 3, 13, 4, 14}, 5, 2, 1);   // x[t, n] = t + 10 n
        int[] lens = {5, 3};
        assertArrayEquals(new float[] {0, 1, 10, 11, 2, 3, 12, 12, 4, 4, 12, 12}, Frames.stack(x, lens, 2).toArray());
        assertArrayEquals(new float[] {0, 10, 0, 10, 1, 11, 2, 12, 3, 12, 4, 12, 4, 12}, Frames.padEdges(x, lens, 1, 1).toArray());
    }
}
