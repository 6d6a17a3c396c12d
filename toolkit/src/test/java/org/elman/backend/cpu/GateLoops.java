package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reference for the step-gate products in tests: plain loops in double precision. */
public final class GateLoops {
    private GateLoops() {}

    /**
     * Asserts that row b of {@code gates} (four gate-split arrays of N*H) holds {@code x_xr W_ih^T
     * + h_b W_hh^T}: x rows of f at {@code x[xOff + xr*f]}, W_ih {@code (4H, f)} at {@code wIhOff},
     * h rows of H at {@code h[hOff + b*H]}, W_hh {@code (4H, H)} at {@code wHhOff}.
     */
    public static void assertRow(float[][] gates, int b, int hid, float[] x, int xOff, int xr, int f, float[] wIh, int wIhOff,
                                 float[] h, int hOff, float[] wHh, int wHhOff, String what) {
        for (int o = 0; o < 4 * hid; o++) {
            double e = 0;
            for (int k = 0; k < f; k++) e += x[xOff + xr * f + k] * wIh[wIhOff + o * f + k];
            for (int k = 0; k < hid; k++) e += h[hOff + b * hid + k] * wHh[wHhOff + o * hid + k];
            assertEquals(e, gates[o / hid][b * hid + o % hid], 1e-4 * Math.max(1, Math.abs(e)), what + ": gate " + o + " of row " + b);
        }
    }
}
