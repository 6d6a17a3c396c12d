package org.elman.ctc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.GreedyDecoder;
import org.elman.ctc.decode.TokenTable;
import org.junit.jupiter.api.Test;

/** The benchmark inputs are what they claim to be (the benchmark itself is never run by tests). */
class CtcWorkloadsTest {
    @Test
    void lossBatchIsReproducibleAndValid() {
        CtcWorkloads.LossBatch a = CtcWorkloads.lossBatch(20, 3, 6, 5, 9);
        CtcWorkloads.LossBatch b = CtcWorkloads.lossBatch(20, 3, 6, 5, 9);
        assertArrayEquals(new int[] {20, 3, 6}, a.logits().shape());
        assertArrayEquals(a.logits().toArray(), b.logits().toArray());
        assertEquals(15, a.flatTargets().length);
        for (int[] t : a.targets()) for (int label : t) assertTrue(label >= 1 && label < 6);
    }

    @Test
    void decodingFramesSpellCorpusSentences() {
        TokenTable tokens = CtcWorkloads.characterTokens();
        String text = new GreedyDecoder(tokens).decode(FrameSource.of(CtcWorkloads.decodingFrames(tokens, 300, 4))).text();
        String first = CtcWorkloads.corpus(200, 5).get(0);
        String[] words = first.split(" ");
        // the noise rarely beats the +6 boost: most words of the first sentence come out intact
        int intact = 0;
        for (String w : words) if ((" " + text + " ").contains(" " + w + " ")) intact++;
        assertTrue(intact * 2 >= words.length, "decoded '" + text + "' for '" + first + "'");
        assertTrue(CtcWorkloads.trigramLm(3).order() == 3);
    }
}
