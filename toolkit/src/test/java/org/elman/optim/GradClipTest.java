package org.elman.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradClipTest {
    private static Tensor withGrad(float... g) {
        Tensor p = Tensor.zeros(g.length).requiresGrad(true);
        p.setGrad(Tensor.vector(g));
        return p;
    }

    @Test
    void byNormScalesAllGradientsTogether() {
        Tensor a = withGrad(3f, 0f);
        Tensor b = withGrad(0f, 4f);
        Tensor none = Tensor.zeros(2).requiresGrad(true);
        double norm = GradClip.byNorm(List.of(a, none, b), 1.0);
        assertEquals(5.0, norm, 1e-12);
        float c = (float) (1.0 / (5.0 + 1e-6));
        assertArrayEquals(new float[] {3f * c, 0f}, a.grad().toArray(), 1e-7f);
        assertArrayEquals(new float[] {0f, 4f * c}, b.grad().toArray(), 1e-7f);
        assertEquals(1.0, GradClip.globalNorm(List.of(a, b)), 1e-6);
    }

    @Test
    void byNormLeavesSmallGradientsAlone() {
        Tensor a = withGrad(0.3f, 0.4f);
        assertEquals(0.5, GradClip.byNorm(List.of(a), 1.0), 1e-7);
        assertArrayEquals(new float[] {0.3f, 0.4f}, a.grad().toArray());
    }

    @Test
    void nonFiniteNormThrowsOrIsReturned() {
        Tensor a = withGrad(1f, 2f);
        Tensor b = withGrad(Float.NaN, 1f);
        var e = assertThrows(GradClip.NonFiniteGradientException.class, () -> GradClip.byNorm(List.of(a, b), 1.0));
        assertTrue(e.getMessage().contains("parameter 1"), e.getMessage());
        assertArrayEquals(new float[] {1f, 2f}, a.grad().toArray(), "untouched after the exception");
        Tensor inf = withGrad(Float.POSITIVE_INFINITY, 0f);
        double n = GradClip.byNorm(List.of(a, inf), 1.0, GradClip.NonFinite.RETURN);
        assertEquals(Double.POSITIVE_INFINITY, n);
        assertArrayEquals(new float[] {1f, 2f}, a.grad().toArray());
    }

    @Test
    void byValueClamps() {
        Tensor a = withGrad(-3f, 0.5f, 2f);
        GradClip.byValue(List.of(a), 1.0);
        assertArrayEquals(new float[] {-1f, 0.5f, 1f}, a.grad().toArray());
        assertThrows(IllegalArgumentException.class, () -> GradClip.byValue(List.of(a), 0));
    }
}
