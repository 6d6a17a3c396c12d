package org.elman.ops;

import static org.elman.nn.GradAssert.close;
import static org.elman.nn.GradAssert.gradients;
import static org.elman.nn.GradAssert.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elman.ops.Conv.Window2d;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PoolTest {
    private static final Tensor GRID = Tensor.of(new float[] {
        1, 2, 3, 4,
        5, 6, 7, 8,
        9, 10, 11, 12,
        13, 14, 15, 16}, 1, 1, 4, 4);

    @Test
    void maxPoolKnownValuesAndGradient() {
        Tensor x = GRID.copy().requiresGrad(true);
        Tensor y = Pool.maxPool2d(x, Window2d.square(2, 2, 0, 1));
        close(new float[] {6, 8, 14, 16}, y, 0f);
        y.sum().backward();
        close(new float[] {0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1}, x.grad(), 0f);
        // padding never wins, even against negative values
        Tensor neg = Tensor.full(-5f, 1, 1, 2, 2);
        close(new float[] {-5, -5, -5, -5, -5, -5, -5, -5, -5}, Pool.maxPool2d(neg, Window2d.square(2, 1, 1, 1)), 0f);
    }

    @Test
    void avgPoolKnownValuesWithAndWithoutPadCount() {
        close(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, Pool.avgPool2d(GRID, Window2d.square(2, 2, 0, 1), true), 1e-6f);
        Window2d padded = Window2d.square(2, 2, 1, 1);
        // windows at rows {-1,0},{1,2},{3,4}: corner (0,0) holds only 1
        Tensor incl = Pool.avgPool2d(GRID, padded, true);
        Tensor excl = Pool.avgPool2d(GRID, padded, false);
        assertArrayEquals(new int[] {1, 1, 3, 3}, incl.shape());
        close(new float[] {0.25f, (2 + 3) / 4f}, incl.view(-1).rows(0, 2), 1e-6f);
        close(new float[] {1f, (2 + 3) / 2f, 4f, (5 + 9) / 2f, (6 + 7 + 10 + 11) / 4f}, excl.view(-1).rows(0, 5), 1e-6f);
    }

    @Test
    void poolGradients() {
        Tensor x = param(1, 2, 2, 5, 6);
        Window2d w = new Window2d(3, 2, 2, 1, 1, 1, 1, 1);
        gradients(() -> Pool.maxPool2d(x, w), 1e-3f, 1e-2, x);
        gradients(() -> Pool.avgPool2d(x, w, true), 1e-2f, 1e-2, x);
        gradients(() -> Pool.avgPool2d(x, w, false), 1e-2f, 1e-2, x);
        gradients(() -> Pool.maxPool2d(x, new Window2d(2, 2, 1, 2, 0, 0, 2, 1)), 1e-3f, 1e-2, x);
        gradients(() -> Pool.globalAvgPool2d(x), 1e-2f, 1e-2, x);
    }

    @Test
    void globalAverage() {
        Tensor y = Pool.globalAvgPool2d(GRID);
        assertArrayEquals(new int[] {1, 1}, y.shape());
        close(new float[] {8.5f}, y, 1e-6f);
    }

    @Test
    void timePoolingKnownValuesAndGradients() {
        // (T=5, N=1, F=2): feature 0 counts up, feature 1 counts down
        Tensor x = Tensor.of(new float[] {0, 9, 1, 8, 2, 7, 3, 6, 4, 5}, 5, 1, 2);
        Tensor mx = Pool.maxPoolTime(x, 2, 2);
        assertArrayEquals(new int[] {2, 1, 2}, mx.shape());
        close(new float[] {1, 9, 3, 7}, mx, 0f);
        close(new float[] {1, 8, 2, 7, 3, 6}, Pool.avgPoolTime(x, 3, 1), 1e-6f);
        Tensor p = param(2, 7, 3, 2);
        gradients(() -> Pool.maxPoolTime(p, 3, 2), 1e-3f, 1e-2, p);
        gradients(() -> Pool.avgPoolTime(p, 2, 1), 1e-2f, 1e-2, p);
    }

    @Test
    void poolingErrors() {
        var pad = assertThrows(IllegalArgumentException.class, () -> Pool.maxPool2d(GRID, Window2d.square(2, 1, 2, 1)));
        assertTrue(pad.getMessage().contains("at most half the kernel"), pad.getMessage());
        var dil = assertThrows(IllegalArgumentException.class, () -> Pool.avgPool2d(GRID, Window2d.square(2, 1, 0, 2), true));
        assertTrue(dil.getMessage().contains("dilation"), dil.getMessage());
        var shortT = assertThrows(IllegalArgumentException.class, () -> Pool.maxPoolTime(Tensor.zeros(2, 1, 1), 3, 1));
        assertTrue(shortT.getMessage().contains("fewer than the kernel"), shortT.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pool.avgPoolTime(Tensor.zeros(4, 3), 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Pool.globalAvgPool2d(Tensor.zeros(4, 3)));
    }
}
