package org.elman.models.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.ctc.CtcLoss;
import org.elman.ctc.CtcOptions;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CtcPrefixScorerTest {
    private static final int T = 5;
    private static final int V = 3;

    private static Tensor logProbs(long seed) {
        return Softmax.logSoftmax(Tensor.randn(new Random(seed), T, V), 1);
    }

    /** Collapsed label sequence of an alignment (repeats merged, blanks 0 dropped). */
    private static List<Integer> collapse(int[] path) {
        List<Integer> out = new ArrayList<>();
        int prev = -1;
        for (int k : path) {
            if (k != prev && k != 0) out.add(k);
            prev = k;
        }
        return out;
    }

    /** Brute force over all V^T alignments: log of the mass whose output starts with (or equals) g. */
    private static double brute(Tensor lp, List<Integer> g, boolean exact) {
        double total = 0;
        int[] path = new int[T];
        for (int code = 0; code < Math.pow(V, T); code++) {
            int c = code;
            double logp = 0;
            for (int t = 0; t < T; t++) {
                path[t] = c % V;
                c /= V;
                logp += lp.get(t, path[t]);
            }
            List<Integer> out = collapse(path);
            boolean match = exact ? out.equals(g) : out.size() >= g.size() && out.subList(0, g.size()).equals(g);
            if (match) total += Math.exp(logp);
        }
        return Math.log(total);
    }

    @Test
    void prefixAndEndScoresMatchBruteForce() {
        Tensor lp = logProbs(1);
        CtcPrefixScorer s = new CtcPrefixScorer(lp, 0);
        int[][] prefixes = {{1}, {2}, {1, 1}, {1, 2}, {2, 1, 2}, {1, 1, 1}};
        for (int[] g : prefixes) {
            CtcPrefixScorer.Prefix p = s.initial();
            List<Integer> list = new ArrayList<>();
            for (int c : g) {
                p = s.extend(p, c);
                list.add(c);
            }
            assertEquals(brute(lp, list, false), p.score(), 1e-5, "prefix " + list);
            assertEquals(brute(lp, list, true), s.endScore(p), 1e-5, "whole output " + list);
        }
        assertEquals(brute(lp, List.of(), true), s.endScore(s.initial()), 1e-5, "empty output");
    }

    @Test
    void endScoreIsMinusCtcLoss() {
        Tensor lp = logProbs(2);
        CtcPrefixScorer s = new CtcPrefixScorer(lp, 0);
        CtcPrefixScorer.Prefix p = s.extend(s.extend(s.initial(), 2), 1);
        CtcOptions o = CtcOptions.builder().optInput(CtcOptions.Input.LOG_PROBS).optReduction(CtcOptions.Reduction.SUM).build();
        double nll = CtcLoss.compute(lp.reshape(T, 1, V), new int[] {T}, new int[][] {{2, 1}}, new int[] {2}, o).loss();
        assertEquals(-nll, s.endScore(p), 1e-5);
    }
}
