package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fast float exp/sigmoid/tanh against {@link Math} in double over dense sweeps; both forms of
 * the fast tanh (fused multiply-adds or not) meet the documented bound, and the public one is the
 * form this VM picks; the tiled transpose against the element-by-element one.
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

    @Test
    void expSigmoidTanhAreAccurate() {
        double worstExp = 0;
        double worstSig = 0;
        double worstTanh = 0;
        double worstSigAbs = 0;
        for (int k = -2_000_000; k <= 2_000_000; k++) {
            float x = k * 4e-5f; // [-80, 80]
            worstExp = Math.max(worstExp, relErr(RnnKernels.exp(x), Math.exp(x)));
            double sig = 1 / (1 + Math.exp(-(double) x));
            worstSigAbs = Math.max(worstSigAbs, Math.abs(RnnKernels.sigmoid(x) - sig));
            if (sig >= 0.25) worstSig = Math.max(worstSig, relErr(RnnKernels.sigmoid(x), sig));
            worstTanh = Math.max(worstTanh, relErr(RnnKernels.tanh(x), Math.tanh(x)));
        }
        for (float x = 1e-30f; x < 1f; x *= 1.01f) {
            worstTanh = Math.max(worstTanh, relErr(RnnKernels.tanh(x), Math.tanh(x)));
            worstTanh = Math.max(worstTanh, relErr(RnnKernels.tanh(-x), Math.tanh(-x)));
        }
        assertTrue(worstExp < 1e-6, "exp rel error " + worstExp);
        assertTrue(worstSig < 1e-6, "sigmoid rel error " + worstSig);
        assertTrue(worstSigAbs < 2e-7, "sigmoid abs error " + worstSigAbs);
        assertTrue(worstTanh < 1e-6, "tanh rel error " + worstTanh);
    }

    @Test
    void extremesSaturateWithoutNaN() {
        assertEquals(0f, RnnKernels.tanh(0f));
        assertEquals(1f, RnnKernels.tanh(1e4f), 1.2e-7f);
        assertEquals(-1f, RnnKernels.tanh(-1e4f), 1.2e-7f);
        assertEquals(1f, RnnKernels.sigmoid(1e4f), 1.2e-7f);
        assertTrue(RnnKernels.sigmoid(-1e4f) >= 0f && RnnKernels.sigmoid(-1e4f) < 1e-7f);
        assertTrue(Float.isNaN(RnnKernels.tanh(Float.NaN)));
        assertTrue(Float.isFinite(RnnKernels.exp(1e4f)));
        assertEquals(0.5f, RnnKernels.sigmoid(0f));
    }
}
