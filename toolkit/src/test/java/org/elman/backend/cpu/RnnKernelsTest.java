package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Both forms of the fast tanh (fused multiply-adds or not) meet the documented bound, and the
 * public one is the form this VM picks; the tiled transpose against the element-by-element one.
 */
class RnnKernelsTest {
    private static double relErr(double approx, double exact) {
        return Math.abs(approx - exact) / Math.max(Math.abs(exact), Double.MIN_NORMAL);
    }

    @Test
    void bothFormsAreWithinTheBound() {
        double fused = 0;
        double separate = 0;
        for (int k = -1_000_000; k <= 1_000_000; k++) {
            float x = k * 1.2e-5f; // [-12, 12]
            double exact = Math.tanh(x);
            fused = Math.max(fused, relErr(RnnKernels.tanhFused(x), exact));
            separate = Math.max(separate, relErr(RnnKernels.tanhSeparate(x), exact));
        }
        assertTrue(fused < 4e-7, "fused tanh rel error " + fused);
        assertTrue(separate < 4e-7, "separate tanh rel error " + separate);
    }

    @Test
    void publicTanhIsTheFormThisVmPicks() {
        for (float x = -10f; x <= 10f; x += 0.37f) {
            float expected = Fma.AVAILABLE ? RnnKernels.tanhFused(x) : RnnKernels.tanhSeparate(x);
            assertEquals(expected, RnnKernels.tanh(x), 0f);
        }
    }

    @Test
    void tiledTransposeMatchesTheDefinition() {
        int[][] shapes = {{1, 1}, {1, 5}, {5, 1}, {16, 16}, {17, 33}, {37, 19}, {512, 128}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            int off = 7;
            float[] a = new float[off + rows * cols + 3];
            for (int i = 0; i < a.length; i++) a[i] = i * 0.5f - 11f;
            float[] expected = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) expected[c * rows + r] = a[off + r * cols + c];
            }
            assertArrayEquals(expected, RnnKernels.transpose(a, off, rows, cols), 0f, rows + "x" + cols);
        }
    }
}
