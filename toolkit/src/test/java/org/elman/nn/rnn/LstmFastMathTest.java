package org.elman.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elman.backend.cpu.RnnKernels;
import org.junit.jupiter.api.Test;

/** The fused kernels' float exp/sigmoid/tanh against {@link Math} in double, over dense sweeps. */
class LstmFastMathTest {
    private static double relErr(double approx, double exact) {
        return Math.abs(approx - exact) / Math.max(Math.abs(exact), Double.MIN_NORMAL);
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
