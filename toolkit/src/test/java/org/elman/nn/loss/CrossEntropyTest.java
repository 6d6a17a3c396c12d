package org.elman.nn.loss;

import static org.elman.nn.GradAssert.close;
import static org.elman.nn.GradAssert.gradients;
import static org.elman.nn.GradAssert.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {
    private static CrossEntropy ce(Reduction r) {
        return CrossEntropy.builder().optReduction(r).build();
    }

    @Test
    void uniformLogitsGiveLogV() {
        Tensor logits = Tensor.full(3.7f, 2, 3, 7);
        int[] t = {0, 1, 2, 3, 4, 6};
        assertEquals(Math.log(7), ce(Reduction.MEAN).compute(logits, t).item(), 1e-6);
        assertEquals(6 * Math.log(7), ce(Reduction.SUM).compute(logits, t).item(), 1e-5);
        Tensor none = ce(Reduction.NONE).compute(logits, t);
        assertArrayEquals(new int[] {2, 3}, none.shape());
        for (float v : none.toArray()) assertEquals(Math.log(7), v, 1e-6);
        // smoothing does not change the loss of uniform logits
        assertEquals(Math.log(7), CrossEntropy.builder().optLabelSmoothing(0.3f).build().compute(logits, t).item(), 1e-6);
    }

    @Test
    void handComputedCase() {
        // softmax of {0, ln 3} is {1/4, 3/4}
        Tensor logits = Tensor.of(new float[] {0, (float) Math.log(3), 0, (float) Math.log(3)}, 2, 2);
        Tensor none = ce(Reduction.NONE).compute(logits, new int[] {1, 0});
        close(new float[] {(float) Math.log(4 / 3.0), (float) Math.log(4)}, none, 1e-6f);
        // smoothing 0.2, V = 2: 0.8 * nll + 0.2 * (-(log 1/4 + log 3/4) / 2)
        double smooth = -(Math.log(0.25) + Math.log(0.75)) / 2;
        Tensor s = CrossEntropy.builder().optLabelSmoothing(0.2f).optReduction(Reduction.NONE).build().compute(logits, new int[] {1, 0});
        assertEquals(0.8 * Math.log(4 / 3.0) + 0.2 * smooth, s.get(0), 1e-6);
    }

    @Test
    void ignoreIndexAndMaskWeightTheMean() {
        Tensor logits = param(1, 4, 3);
        float[] l = ce(Reduction.NONE).compute(logits, new int[] {0, 1, 2, 1}).toArray();
        CrossEntropy ign = CrossEntropy.builder().optIgnoreIndex(-1).build();
        assertEquals((l[0] + l[2]) / 2, ign.compute(logits, new int[] {0, -1, 2, -1}).item(), 1e-6);
        Tensor mask = Tensor.vector(1f, 0.5f, 0f, 1f);
        assertEquals((l[0] + 0.5f * l[1] + l[3]) / 2.5f, ign.compute(logits, new int[] {0, 1, 2, 1}, mask).item(), 1e-6);
        assertEquals((l[0] + 0.5f * l[1]) / 1.5f, ign.compute(logits, new int[] {0, 1, -1, -1}, mask).item(), 1e-6);
        // nothing left: zero loss and zero gradient rather than NaN
        Tensor x = param(2, 2, 3);
        Tensor none = ign.compute(x, new int[] {-1, -1});
        assertEquals(0f, none.item());
        none.backward();
        close(new float[6], x.grad(), 0f);
    }

    @Test
    void matchesComposedLogSoftmaxReference() {
        Tensor x = param(3, 3, 2, 5);
        int[] t = {4, 0, 2, 2, 1, 3};
        Tensor mask = Tensor.vector(1, 1, 0, 1, 0.5f, 1).view(3, 2);
        Tensor fused = CrossEntropy.builder().optLabelSmoothing(0.1f).build().compute(x, t, mask);
        fused.backward();
        float[] fusedGrad = x.grad().toArray();
        x.zeroGrad();
        Tensor logp = Softmax.logSoftmax(x, -1);
        Tensor q = Tensor.zeros(3, 2, 5);
        for (int r = 0; r < 6; r++) {
            for (int v = 0; v < 5; v++) q.data()[r * 5 + v] = mask.data()[r] * (0.02f + (v == t[r] ? 0.9f : 0f));
        }
        Tensor ref = logp.mul(q).sum().mul(-1f / 4.5f);
        assertEquals(ref.item(), fused.item(), 1e-5);
        ref.backward();
        assertArrayEquals(x.grad().toArray(), fusedGrad, 1e-5f);
    }

    @Test
    void gradientsForEveryReduction() {
        Tensor x = param(4, 3, 2, 4);
        int[] t = {3, -100, 0, 1, 2, 3};
        Tensor mask = Tensor.vector(1, 1, 0.3f, 0, 1, 2).view(3, 2);
        for (Reduction r : Reduction.values()) {
            CrossEntropy c = CrossEntropy.builder().optReduction(r).optLabelSmoothing(r == Reduction.SUM ? 0.1f : 0f).build();
            gradients(() -> c.compute(x, t, mask), 1e-2f, 1e-2, x);
            gradients(() -> c.compute(x, t), 1e-2f, 1e-2, x);
        }
    }

    @Test
    void errorsNameTheProblem() {
        CrossEntropy c = ce(Reduction.MEAN);
        var count = assertThrows(IllegalArgumentException.class, () -> c.compute(Tensor.zeros(2, 3, 4), new int[] {0, 1}));
        assertTrue(count.getMessage().contains("2 targets"), count.getMessage());
        var range = assertThrows(IndexOutOfBoundsException.class, () -> c.compute(Tensor.zeros(2, 4), new int[] {0, 4}));
        assertTrue(range.getMessage().contains("target 4 at row 1"), range.getMessage());
        var mask = assertThrows(IllegalArgumentException.class, () -> c.compute(Tensor.zeros(2, 4), new int[] {0, 1}, Tensor.ones(3)));
        assertTrue(mask.getMessage().contains("mask"), mask.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.builder().optLabelSmoothing(1f).build());
        assertThrows(IllegalArgumentException.class, () -> c.compute(Tensor.scalar(1f), new int[] {0}));
    }
}
