package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Both forms of the fast tanh (fused multiply-adds or not) meet the documented bound; the public one is the form this VM picks. */
class TanhVariantsTest {
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
}
