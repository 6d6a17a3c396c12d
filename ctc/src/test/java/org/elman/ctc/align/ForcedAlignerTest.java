package org.elman.ctc.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.TokenTable;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ForcedAlignerTest {
    private static final TokenTable TOKENS = TokenTable.characters("abc"); // <b>=0 |=1 a=2 b=3 c=4

    /** Frames whose most likely symbol follows {@code path}, with probability {@code p[t]}. */
    private static Tensor frames(int[] path, double[] p) {
        float[] d = new float[path.length * 5];
        for (int t = 0; t < path.length; t++) {
            for (int v = 0; v < 5; v++) d[t * 5 + v] = (float) Math.log(v == path[t] ? p[t] : (1 - p[t]) / 4);
        }
        return Tensor.of(d, path.length, 5);
    }

    @Test
    void spansWordsAndConfidencesFollowTheBestPath() {
        int[] path = {0, 2, 2, 0, 3, 1, 1, 4, 0, 0, 4};  // _ a a _ b | | c _ _ c
        double[] p = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5, 0.9, 0.9, 0.5};
        Alignment a = new ForcedAligner(TOKENS).align(FrameSource.of(frames(path, p)), "ab cc");
        assertArrayEquals(new int[] {-1, 0, 0, -1, 1, 2, 2, 3, -1, -1, 4}, a.frameStates());
        assertEquals(new Alignment.TokenSpan(2, 1, 3, 0.9), round(a.tokens().get(0)));
        assertEquals(2, a.words().size());
        Alignment.WordSpan ab = a.words().get(0);
        Alignment.WordSpan cc = a.words().get(1);
        assertEquals("ab", ab.word());
        assertEquals(1, ab.start());
        assertEquals(5, ab.end());
        assertEquals("cc", cc.word());
        assertEquals(7, cc.start());
        assertEquals(11, cc.end());
        assertEquals(0.9, ab.confidence(), 1e-6);
        assertEquals(0.5, cc.confidence(), 1e-6);
        double expect = 0;
        for (double q : p) expect += Math.log(q);
        assertEquals(expect, a.logProb(), 1e-4);
    }

    private static Alignment.TokenSpan round(Alignment.TokenSpan s) {
        return new Alignment.TokenSpan(s.token(), s.start(), s.end(), Math.round(s.confidence() * 1e6) / 1e6);
    }

    @Test
    void viterbiScoreIsTheBestOverAllPaths() {
        Random rng = new Random(1);
        int[] target = {2, 2, 3};
        for (int trial = 0; trial < 3; trial++) {
            Tensor x = Tensor.randn(rng, 6, 5);
            float[] d = x.data();
            for (int t = 0; t < 6; t++) {
                double z = 0;
                for (int v = 0; v < 5; v++) z += Math.exp(d[t * 5 + v]);
                for (int v = 0; v < 5; v++) d[t * 5 + v] -= (float) Math.log(z);
            }
            double best = Double.NEGATIVE_INFINITY;
            int[] p = new int[6];
            for (int code = 0; code < Math.pow(5, 6); code++) {
                int c = code;
                double s = 0;
                for (int t = 0; t < 6; t++, c /= 5) {
                    p[t] = c % 5;
                    s += d[t * 5 + p[t]];
                }
                if (java.util.Arrays.equals(collapse(p), target)) best = Math.max(best, s);
            }
            assertEquals(best, new ForcedAligner(TOKENS).align(FrameSource.of(x), target).logProb(), 1e-4);
        }
    }

    private static int[] collapse(int[] path) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        int prev = -1;
        for (int s : path) {
            if (s != prev && s != 0) out.add(s);
            prev = s;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void errorsAreClear() {
        ForcedAligner f = new ForcedAligner(TOKENS);
        Tensor x = Tensor.zeros(2, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.align(FrameSource.of(x), "aa"));
        assertTrue(e.getMessage().contains("cannot be aligned to 2 frames"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.align(FrameSource.of(x), "ax"));
        assertThrows(IllegalArgumentException.class, () -> f.align(FrameSource.of(x), new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> f.align(FrameSource.of(Tensor.zeros(2, 4)), "a"));
        assertEquals(0, f.align(FrameSource.of(x), "").words().size());
    }
}
