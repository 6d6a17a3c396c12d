package org.elman.nn.loss;

import static org.elman.nn.GradAssert.close;
import static org.elman.nn.GradAssert.gradients;
import static org.elman.nn.GradAssert.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MseTest {
    @Test
    void valuesPerReduction() {
        Tensor p = Tensor.vector(1, 2, 3);
        Tensor t = Tensor.vector(1, 0, 6);
        assertEquals(13f / 3f, Mse.builder().build().compute(p, t).item(), 1e-6f);
        assertEquals(13f, Mse.builder().optReduction(Reduction.SUM).build().compute(p, t).item(), 1e-6f);
        close(new float[] {0, 4, 9}, Mse.builder().optReduction(Reduction.NONE).build().compute(p, t), 0f);
    }

    @Test
    void gradientsToBothOperands() {
        Tensor p = param(1, 2, 3);
        Tensor t = param(2, 2, 3);
        for (Reduction r : Reduction.values()) {
            Mse m = Mse.builder().optReduction(r).build();
            gradients(() -> m.compute(p, t), 1e-2f, 1e-2, p, t);
        }
    }

    @Test
    void shapeMismatchIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Mse.builder().build().compute(Tensor.zeros(2, 3), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("mse target"), e.getMessage());
    }
}
