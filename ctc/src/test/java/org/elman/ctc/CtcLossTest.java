package org.elman.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.autograd.GradCheck;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CtcLossTest {
    private static final CtcOptions SUM = CtcOptions.builder().optReduction(CtcOptions.Reduction.SUM).build();

    private static Tensor uniformLogits(int frames, int vocab) {
        return Tensor.zeros(frames, 1, vocab);
    }

    private static double single(Tensor x, int[] target, CtcOptions o) {
        return CtcLoss.compute(x, new int[] {x.size(0)}, new int[][] {target}, new int[] {target.length}, o).losses()[0];
    }

    @Test
    void tinyCasesByHand() {
        // uniform over {blank, a}: each path of T frames has probability 2^-T
        assertEquals(-Math.log(0.75), single(uniformLogits(2, 2), new int[] {1}, SUM), 1e-6); // a a, _ a, a _
        assertEquals(-Math.log(0.25), single(uniformLogits(2, 2), new int[] {}, SUM), 1e-6);  // _ _
        assertEquals(-Math.log(0.125), single(uniformLogits(3, 2), new int[] {1, 1}, SUM), 1e-6); // a _ a only
        // one frame, target {1}: the loss is -log softmax(x)[1]
        Tensor x = Tensor.of(new float[] {0.5f, 2f, -1f}, 1, 1, 3);
        double lse = Math.log(Math.exp(0.5) + Math.exp(2) + Math.exp(-1));
        assertEquals(lse - 2.0, single(x, new int[] {1}, SUM), 1e-6);
        // and its gradient is softmax - onehot(1)
        Tensor g = CtcLoss.compute(x, new int[] {1}, new int[][] {{1}}, new int[] {1}, SUM).gradient();
        assertEquals(Math.exp(2 - lse) - 1, g.get(0, 0, 1), 1e-6);
        assertEquals(Math.exp(0.5 - lse), g.get(0, 0, 0), 1e-6);
    }

    @Test
    void impossibleAlignmentIsInfiniteOrZeroWithZeroGradient() {
        Tensor x = Tensor.randn(new Random(1), 3, 2, 4);
        int[][] targets = {{1, 1}, {2, 3}}; // repeat needs 3 frames, fits; second row gets only 1 frame
        int[] inLens = {3, 1};
        CtcResult r = CtcLoss.compute(x, inLens, targets, new int[] {2, 2}, SUM);
        assertTrue(Float.isFinite(r.losses()[0]));
        assertEquals(Float.POSITIVE_INFINITY, r.losses()[1]);
        assertEquals(Double.POSITIVE_INFINITY, r.loss());
        for (int t = 0; t < 3; t++) for (int v = 0; v < 4; v++) assertEquals(0f, r.gradient().get(t, 1, v));
        CtcOptions zero = CtcOptions.builder().optReduction(CtcOptions.Reduction.SUM).optZeroInfinity(true).build();
        CtcResult z = CtcLoss.compute(x, inLens, targets, new int[] {2, 2}, zero);
        assertEquals(0f, z.losses()[1]);
        assertEquals(z.losses()[0], z.loss(), 1e-6);
        // repeated labels need a blank between them: {1,1} in 2 frames is impossible
        assertEquals(Double.POSITIVE_INFINITY, single(Tensor.randn(new Random(2), 2, 1, 3), new int[] {1, 1}, SUM));
    }

    @Test
    void equalsBruteForceOverAllPaths() {
        Random rng = new Random(3);
        int vocab = 3;
        for (int frames = 1; frames <= 5; frames++) {
            for (int blank = 0; blank < vocab; blank++) {
                Tensor x = Tensor.randn(rng, frames, 1, vocab);
                for (int[] target : targetsOver(vocab, blank, 3)) {
                    CtcOptions o = CtcOptions.builder().optBlank(blank).optReduction(CtcOptions.Reduction.SUM).build();
                    double expect = -Math.log(bruteForce(x, target, blank));
                    assertEquals(expect, single(x, target, o), 1e-5 * Math.max(1, Math.abs(expect)),
                            "T=" + frames + " blank=" + blank + " target=" + java.util.Arrays.toString(target));
                }
            }
        }
    }

    /** All label sequences of length 0..maxLen over the non-blank symbols. */
    private static List<int[]> targetsOver(int vocab, int blank, int maxLen) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[0]);
        List<int[]> prev = List.of(new int[0]);
        for (int len = 1; len <= maxLen; len++) {
            List<int[]> next = new ArrayList<>();
            for (int[] p : prev) {
                for (int v = 0; v < vocab; v++) {
                    if (v == blank) continue;
                    int[] q = java.util.Arrays.copyOf(p, len);
                    q[len - 1] = v;
                    next.add(q);
                }
            }
            out.addAll(next);
            prev = next;
        }
        return out;
    }

    /** Sum over all V^T paths whose collapse (merge repeats, drop blanks) equals the target. */
    private static double bruteForce(Tensor x, int[] target, int blank) {
        int frames = x.size(0);
        int vocab = x.size(2);
        double[][] p = new double[frames][vocab];
        for (int t = 0; t < frames; t++) {
            double z = 0;
            for (int v = 0; v < vocab; v++) z += Math.exp(x.get(t, 0, v));
            for (int v = 0; v < vocab; v++) p[t][v] = Math.exp(x.get(t, 0, v)) / z;
        }
        int paths = (int) Math.pow(vocab, frames);
        double total = 0;
        int[] path = new int[frames];
        for (int code = 0; code < paths; code++) {
            int c = code;
            double prob = 1;
            for (int t = 0; t < frames; t++) {
                path[t] = c % vocab;
                c /= vocab;
                prob *= p[t][path[t]];
            }
            if (java.util.Arrays.equals(collapse(path, blank), target)) total += prob;
        }
        return total;
    }

    private static int[] collapse(int[] path, int blank) {
        List<Integer> out = new ArrayList<>();
        int prev = -1;
        for (int s : path) {
            if (s != prev && s != blank) out.add(s);
            prev = s;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void gradientWrtLogitsPassesFiniteDifferences() {
        for (CtcOptions.Reduction red : CtcOptions.Reduction.values()) {
            Tensor x = Tensor.randn(new Random(4), 6, 3, 4).requiresGrad(true);
            int[][] targets = {{1, 1, 2}, {3}, {}};
            int[] inLens = {6, 4, 5};
            CtcOptions o = CtcOptions.builder().optBlank(0).optReduction(red).build();
            GradCheck.Result r = GradCheck.check(() -> CtcLoss.loss(x, inLens, targets, new int[] {3, 1, 0}, o),
                    List.of(x), 1e-2f);
            assertTrue(r.passed(2e-2), red + ": " + r);
        }
    }

    @Test
    void gradientWrtLogProbsPassesFiniteDifferencesAndChainsThroughLogSoftmax() {
        Tensor logits = Tensor.randn(new Random(5), 5, 2, 4).requiresGrad(true);
        Tensor lp = Softmax.logSoftmax(logits.detach(), 2).detach().requiresGrad(true);
        int[][] targets = {{2, 3}, {1}};
        int[] inLens = {5, 3};
        int[] tLens = {2, 1};
        CtcOptions o = CtcOptions.builder().optBlank(0).optInput(CtcOptions.Input.LOG_PROBS)
                .optReduction(CtcOptions.Reduction.SUM).build();
        GradCheck.Result r = GradCheck.check(() -> CtcLoss.loss(lp, inLens, targets, tLens, o), List.of(lp), 1e-2f);
        assertTrue(r.passed(2e-2), r.toString());
        // log-softmax then CTC on log-probs gives the fused logits gradient
        logits.zeroGrad();
        CtcLoss.loss(Softmax.logSoftmax(logits, 2), inLens, targets, tLens, o).backward();
        Tensor fused = CtcLoss.compute(logits, inLens, targets, tLens, SUM).gradient();
        float[] a = logits.grad().toArray();
        float[] b = fused.toArray();
        for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-5);
    }

    @Test
    void differentiableWrapperMatchesComputeAndReusesWorkspace() {
        Tensor x = Tensor.randn(new Random(6), 7, 4, 5).requiresGrad(true);
        int[] flat = {1, 2, 2, 3, 4, 1};
        int[] tLens = {3, 0, 1, 2};
        int[] inLens = {7, 2, 6, 5};
        CtcOptions mean = CtcOptions.defaults();
        CtcWorkspace ws = new CtcWorkspace();
        CtcResult first = CtcLoss.compute(x, inLens, CtcLoss.split(flat, tLens), tLens, mean, ws);
        CtcResult again = first;
        for (int i = 0; i < 10; i++) again = CtcLoss.compute(x, inLens, CtcLoss.split(flat, tLens), tLens, mean, ws);
        assertTrue(ws.scratchesCreated() <= org.elman.backend.cpu.Parallel.threads(),
                "calls must reuse the scratch buffers, created " + ws.scratchesCreated());
        assertEquals(first.loss(), again.loss(), 0.0);
        Tensor loss = CtcLoss.loss(x, inLens, flat, tLens, mean);
        assertEquals(first.loss(), loss.item(), 1e-5);
        loss.backward();
        float[] a = x.grad().toArray();
        float[] b = first.gradient().toArray();
        for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-6);
        // mean = average over the batch of loss_n / max(1, L_n)
        double expect = 0;
        for (int n = 0; n < 4; n++) expect += first.losses()[n] / Math.max(1, tLens[n]) / 4.0;
        assertEquals(expect, first.loss(), 1e-5);
        // padded frames get no gradient
        for (int v = 0; v < 5; v++) assertEquals(0f, x.grad().get(3, 1, v));
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor x = Tensor.zeros(4, 2, 3);
        int[][] ok = {{1}, {2}};
        assertThrows(IllegalArgumentException.class, () -> CtcLoss.compute(Tensor.zeros(4, 3), new int[] {4}, ok, new int[] {1, 1}, SUM));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CtcLoss.compute(x, new int[] {4, 5}, ok, new int[] {1, 1}, SUM));
        assertTrue(e.getMessage().contains("input length 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CtcLoss.compute(x, new int[] {4, 4}, new int[][] {{1}, {0}}, new int[] {1, 1}, SUM));
        assertTrue(e.getMessage().contains("blank"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CtcLoss.compute(x, new int[] {4, 4}, new int[][] {{1}, {3}}, new int[] {1, 1}, SUM));
        assertTrue(e.getMessage().contains("outside [0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CtcLoss.compute(x, new int[] {4, 4}, ok, new int[] {1, 1}, CtcOptions.builder().optBlank(3).build()));
        assertTrue(e.getMessage().contains("blank index 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CtcLoss.split(new int[] {1, 2, 3}, new int[] {1, 1}));
        assertTrue(e.getMessage().contains("sum to 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CtcOptions.builder().optBlank(-1).build());
    }
}
