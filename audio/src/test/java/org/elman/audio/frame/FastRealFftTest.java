package org.elman.audio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast four-step transform against the plain {@link RealFft}, for every size it supports. */
class FastRealFftTest {
    /** Power spectrum of x through FastRealFft (packing as the feature code does). */
    static double[] fastPower(FastRealFft f, double[] x) {
        double[] re = f.re(), im = f.im();
        for (int m = 0; m < x.length / 2; m++) {
            re[m] = x[2 * m];
            im[m] = x[2 * m + 1];
        }
        double[] p = new double[x.length / 2 + 1];
        f.powerSpectrum(p);
        return p;
    }

    @Test
    void matchesReferenceForEverySizeOnRandomFrames() {
        Random rng = new Random(17);
        for (int n = 2; n <= 4096; n *= 2) {
            FastRealFft fast = new FastRealFft(n);
            RealFft ref = new RealFft(n);
            for (int trial = 0; trial < 3; trial++) {
                double[] x = new double[n];
                int used = trial == 2 ? Math.max(1, n * 25 / 32) : n;   // the last trial is zero-padded
                for (int i = 0; i < used; i++) x[i] = rng.nextGaussian() * 1000;
                double[] want = new double[n / 2 + 1];
                ref.powerSpectrum(x, want);
                double[] got = fastPower(fast, x);
                double total = 0;
                for (double v : want) total += v;
                for (int k = 0; k <= n / 2; k++) {
                    assertEquals(want[k], got[k], 1e-12 * total + 1e-12 * want[k], "n=" + n + " k=" + k);
                }
            }
        }
    }

    @Test
    void quietBinsOfAToneStayAccurate() {
        // A windowed 440 Hz tone: the high bins are ~1e-13 of the peak; double precision keeps them.
        int n = 512;
        double[] x = new double[n];
        double[] w = WindowType.POVEY.coefficients(400);
        for (int i = 0; i < 400; i++) x[i] = 16384 * Math.sin(2 * Math.PI * 440 * i / 16000.0) * w[i];
        double[] want = new double[n / 2 + 1];
        new RealFft(n).powerSpectrum(x, want);
        double[] got = fastPower(new FastRealFft(n), x);
        for (int k = 0; k <= n / 2; k++) {
            assertEquals(want[k], got[k], 1e-6 * want[k] + 1e-6, "k=" + k);
        }
        assertTrue(want[200] < 1e-10 * want[14], "the test tone must have quiet bins");
    }

    @Test
    void impulseHasFlatSpectrum() {
        for (int n : new int[] {256, 512, 1024}) {
            double[] x = new double[n];
            x[3] = 2;
            double[] p = fastPower(new FastRealFft(n), x);
            for (int k = 0; k <= n / 2; k++) assertEquals(4.0, p[k], 1e-12, "n=" + n + " k=" + k);
        }
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new FastRealFft(400));
        assertThrows(IllegalArgumentException.class, () -> new FastRealFft(1));
        assertThrows(IllegalArgumentException.class, () -> new FastRealFft(512).powerSpectrum(new double[100]));
    }
}
