package org.elman.models.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.autograd.GradCheck;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AdditiveAttentionTest {
    @Test
    void weightsAreADistributionOverValidFrames() {
        AdditiveAttention a = new AdditiveAttention(4, 3, 5, new Random(1));
        Tensor h = Tensor.randn(new Random(2), 6, 2, 4);
        AdditiveAttention.Attended r = a.attend(h, a.project(h), AdditiveAttention.mask(6, new int[] {6, 3}), Tensor.randn(new Random(3), 2, 3));
        assertArrayEquals(new int[] {6, 2}, r.weights().shape());
        assertArrayEquals(new int[] {2, 4}, r.context().shape());
        for (int n = 0; n < 2; n++) {
            double sum = 0;
            for (int t = 0; t < 6; t++) sum += r.weights().get(t, n);
            assertEquals(1.0, sum, 1e-5);
        }
        for (int t = 3; t < 6; t++) assertEquals(0f, r.weights().get(t, 1), 1e-12f);
        for (int d = 0; d < 4; d++) {
            double c = 0;
            for (int t = 0; t < 3; t++) c += r.weights().get(t, 1) * h.get(t, 1, d);
            assertEquals(c, r.context().get(1, d), 1e-5);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        AdditiveAttention a = new AdditiveAttention(3, 2, 4, new Random(4));
        Tensor h = Tensor.randn(new Random(5), 4, 2, 3).requiresGrad(true);
        Tensor s = Tensor.randn(new Random(6), 2, 2).requiresGrad(true);
        Tensor mask = AdditiveAttention.mask(4, new int[] {4, 2});
        List<Tensor> inputs = new ArrayList<>(a.parameters());
        inputs.add(h);
        inputs.add(s);
        GradCheck.Result r = GradCheck.check(() -> a.attend(h, a.project(h), mask, s).context(), inputs, 1e-2f);
        assertTrue(r.passed(2e-2), r.toString());
    }
}
