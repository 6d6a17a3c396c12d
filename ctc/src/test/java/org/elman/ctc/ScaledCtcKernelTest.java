package org.elman.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The scaled linear-space kernel against the log-space reference, and its fall back to the reference. */
class ScaledCtcKernelTest {
    private record Batch(Tensor x, int[] inLens, int[][] targets, int[] tLens) {}

    /** Random batch: uneven input and target lengths (some zero), repeated labels likely when vocab is small. */
    private static Batch randomBatch(Random rng, int frames, int batch, int vocab, int blank, float scale) {
        Tensor x = Tensor.randn(rng, frames, batch, vocab);
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) d[i] *= scale;
        int[] inLens = new int[batch];
        int[] tLens = new int[batch];
        int[][] targets = new int[batch][];
        for (int n = 0; n < batch; n++) {
            inLens[n] = n == 0 ? frames : 1 + rng.nextInt(frames);
            int maxLen = Math.max(0, inLens[n] / 2 - 1);
            tLens[n] = n == 1 ? 0 : rng.nextInt(maxLen + 1);
            targets[n] = new int[tLens[n]];
            for (int i = 0; i < tLens[n]; i++) {
                int label = rng.nextInt(vocab - 1);
                targets[n][i] = label >= blank ? label + 1 : label;
            }
        }
        return new Batch(x, inLens, targets, tLens);
    }

    private static CtcOptions options(int blank, CtcOptions.Reduction red, CtcOptions.Input input, CtcOptions.Kernel k) {
        return CtcOptions.builder().optBlank(blank).optReduction(red).optInput(input).optKernel(k).build();
    }

    /** Runs both kernels and asserts the same losses (relative 1e-6) and gradients (absolute 1e-5); returns fallbacks. */
    private static long assertSameAsReference(Batch b, CtcOptions fastOpts, String what) {
        CtcOptions refOpts = fastOpts.withKernel(CtcOptions.Kernel.LOG_SPACE);
        CtcWorkspace ws = new CtcWorkspace();
        CtcResult fast = CtcLoss.compute(b.x(), b.inLens(), b.targets(), b.tLens(), fastOpts, ws);
        CtcResult ref = CtcLoss.compute(b.x(), b.inLens(), b.targets(), b.tLens(), refOpts, new CtcWorkspace());
        for (int n = 0; n < ref.losses().length; n++) {
            double e = ref.losses()[n];
            if (Double.isInfinite(e)) assertEquals(e, fast.losses()[n], what + " loss " + n);
            else assertEquals(e, fast.losses()[n], 1e-6 * Math.max(1, Math.abs(e)), what + " loss " + n);
        }
        assertEquals(ref.loss(), fast.loss(), 1e-6 * Math.max(1, Math.abs(ref.loss())), what + " reduced loss");
        if (ref.gradient() != null) {
            float[] g = fast.gradient().toArray();
            float[] r = ref.gradient().toArray();
            for (int i = 0; i < r.length; i++) assertEquals(r[i], g[i], 1e-5, what + " gradient " + i);
        }
        return ws.fallbacks();
    }

    @Test
    void equalsReferenceOnRandomBatchesWithoutFallingBack() {
        Random rng = new Random(11);
        int[][] shapes = {{1, 3, 2}, {2, 4, 3}, {7, 5, 3}, {20, 6, 4}, {60, 4, 30}, {150, 3, 8}, {1000, 2, 31}};
        int cases = 0;
        for (int[] shape : shapes) {
            for (CtcOptions.Input input : CtcOptions.Input.values()) {
                int blank = rng.nextInt(shape[2]);
                CtcOptions.Reduction red = CtcOptions.Reduction.values()[cases % 3];
                Batch b = randomBatch(rng, shape[0], shape[1], shape[2], blank, 1f);
                if (input == CtcOptions.Input.LOG_PROBS) b = new Batch(Softmax.logSoftmax(b.x(), 2), b.inLens(), b.targets(), b.tLens());
                String what = "T=" + shape[0] + " N=" + shape[1] + " V=" + shape[2] + " blank=" + blank + " " + input + " " + red;
                long fallbacks = assertSameAsReference(b, options(blank, red, input, CtcOptions.Kernel.SCALED_LINEAR), what);
                assertEquals(0, fallbacks, what + ": ordinary inputs must not need the reference");
                cases++;
            }
        }
        assertEquals(2 * shapes.length, cases);
    }

    @Test
    void longTargetsWithRepeatsThatBarelyFit() {
        // T = L + repeats: a single alignment; and T = 2L + 1 with every label repeated
        int[][] targets = {{1, 1, 2, 2, 3}, {2, 2, 2, 2}};
        Tensor x = Tensor.randn(new Random(12), 8, 2, 4);
        Batch b = new Batch(x, new int[] {7, 8}, targets, new int[] {5, 4});
        long fallbacks = assertSameAsReference(b, options(0, CtcOptions.Reduction.SUM, CtcOptions.Input.LOGITS,
                CtcOptions.Kernel.SCALED_LINEAR), "tight");
        assertEquals(0, fallbacks);
    }

    @Test
    void peakyLogitsStillMatchTheReference() {
        Random rng = new Random(13);
        for (float scale : new float[] {20f, 100f}) {
            for (int blank : new int[] {0, 5}) {
                Batch b = randomBatch(rng, 200, 4, 12, blank, scale);
                assertSameAsReference(b, options(blank, CtcOptions.Reduction.MEAN, CtcOptions.Input.LOGITS,
                        CtcOptions.Kernel.SCALED_LINEAR), "scale " + scale + " blank " + blank);
            }
        }
        // peaky like a trained model: the reference alignment's symbol boosted by 20 nats needs no fall back
        Batch trained = alignedBatch(new Random(14), 300, 3, 10, 20f);
        long fallbacks = assertSameAsReference(trained, options(0, CtcOptions.Reduction.SUM, CtcOptions.Input.LOGITS,
                CtcOptions.Kernel.SCALED_LINEAR), "trained-like");
        assertEquals(0, fallbacks);
    }

    /** Logits favouring one alignment of each target (label, blank, label...) by {@code boost} nats. */
    private static Batch alignedBatch(Random rng, int frames, int batch, int vocab, float boost) {
        Tensor x = Tensor.randn(rng, frames, batch, vocab);
        int[][] targets = new int[batch][frames / 3];
        int[] tLens = new int[batch];
        int[] inLens = new int[batch];
        for (int n = 0; n < batch; n++) {
            inLens[n] = frames;
            tLens[n] = frames / 3;
            for (int i = 0; i < tLens[n]; i++) targets[n][i] = 1 + rng.nextInt(vocab - 1);
            for (int t = 0; t < frames; t++) {
                int sym = t % 3 == 1 && t / 3 < tLens[n] ? targets[n][t / 3] : 0;
                x.data()[(t * batch + n) * vocab + sym] += boost;
            }
        }
        return new Batch(x, inLens, targets, tLens);
    }

    @Test
    void extremeLogitsFallBackToTheReference() {
        // +-1e4 logits: the needed symbols' probabilities underflow to 0 in linear space
        Random rng = new Random(15);
        Tensor x = Tensor.zeros(12, 2, 4);
        for (int t = 0; t < 12; t++) for (int n = 0; n < 2; n++) for (int v = 0; v < 4; v++) {
            x.data()[(t * 2 + n) * 4 + v] = rng.nextBoolean() ? 1e4f : -1e4f;
        }
        Batch b = new Batch(x, new int[] {12, 9}, new int[][] {{1, 2, 3}, {3, 3}}, new int[] {3, 2});
        for (CtcOptions.Input input : CtcOptions.Input.values()) {
            Batch in = input == CtcOptions.Input.LOGITS ? b : new Batch(Softmax.logSoftmax(x, 2), b.inLens(), b.targets(), b.tLens());
            long fallbacks = assertSameAsReference(in, options(0, CtcOptions.Reduction.SUM, input,
                    CtcOptions.Kernel.SCALED_LINEAR), "extreme " + input);
            assertEquals(2, fallbacks, input + ": both sequences must have fallen back");
        }
    }

    /**
     * Early frames favour reaching label 2 by 200 nats a frame, so the paths still on label 1 fall 1000
     * nats behind and underflow; later frames favour label 1 by 150 nats a frame, which only those paths
     * can emit, so they end up ahead by 500 nats. Every alpha and beta row sum stays a normal number:
     * only the per-frame occupancy check (identity or occupancy sum) can notice the lost mass.
     */
    @Test
    void massLostToUnderflowIsDetectedByTheOccupancyCheck() {
        int frames = 21;
        Tensor x = Tensor.zeros(frames, 1, 3);
        for (int t = 0; t < frames; t++) {
            int sym = t < 5 ? 1 : t < 10 ? 2 : t < 20 ? 1 : 2;
            x.data()[t * 3 + sym] = t < 10 ? 200f : 150f;
        }
        Batch b = new Batch(x, new int[] {frames}, new int[][] {{1, 2}}, new int[] {2});
        for (boolean gradients : new boolean[] {true, false}) {
            CtcOptions o = CtcOptions.builder().optReduction(CtcOptions.Reduction.SUM).optGradients(gradients).build();
            long fallbacks = assertSameAsReference(b, o, "lost mass, gradients " + gradients);
            assertEquals(1, fallbacks, "the lost mass must send the sequence to the reference");
        }
    }

    @Test
    void impossibleAlignmentsKeepTheirSemanticsWithoutCountingAsFallback() {
        Tensor x = Tensor.randn(new Random(16), 4, 3, 5);
        Batch b = new Batch(x, new int[] {4, 2, 0}, new int[][] {{1, 1, 2}, {1, 2, 3}, {}}, new int[] {3, 3, 0});
        for (boolean zeroInf : new boolean[] {false, true}) {
            CtcOptions o = CtcOptions.builder().optReduction(CtcOptions.Reduction.SUM).optZeroInfinity(zeroInf).build();
            assertEquals(0, assertSameAsReference(b, o, "impossible, zeroInfinity " + zeroInf));
            CtcResult r = CtcLoss.compute(x, b.inLens(), b.targets(), b.tLens(), o);
            assertEquals(zeroInf ? 0f : Float.POSITIVE_INFINITY, r.losses()[1]);
            assertEquals(0f, r.losses()[2]);
            for (int t = 0; t < 4; t++) for (int v = 0; v < 5; v++) assertEquals(0f, r.gradient().get(t, 1, v));
        }
    }

    @Test
    void kernelOptionIsCarriedAndValidated() {
        CtcOptions o = CtcOptions.builder().optKernel(CtcOptions.Kernel.LOG_SPACE).build();
        assertEquals(CtcOptions.Kernel.LOG_SPACE, o.withReduction(CtcOptions.Reduction.SUM).kernel());
        assertEquals(CtcOptions.Kernel.LOG_SPACE, o.withGradients(false).kernel());
        assertEquals(CtcOptions.Kernel.SCALED_LINEAR, CtcOptions.defaults().kernel());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CtcOptions.builder().optKernel(null).build());
        assertTrue(e.getMessage().contains("kernel"), e.getMessage());
    }
}
