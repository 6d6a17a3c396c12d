package org.elman.audio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RealFftTest {
    @Test
    void matchesNaiveDftForAllSizes() {
        Random rng = new Random(7);
        for (int n = 2; n <= 1024; n *= 2) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rng.nextGaussian();
            double[] re = new double[n / 2 + 1], im = new double[n / 2 + 1], pow = new double[n / 2 + 1];
            RealFft fft = new RealFft(n);
            fft.forward(x, re, im);
            fft.powerSpectrum(x, pow);
            for (int k = 0; k <= n / 2; k++) {
                double sr = 0, si = 0;
                for (int t = 0; t < n; t++) {
                    sr += x[t] * Math.cos(2 * Math.PI * k * t / n);
                    si -= x[t] * Math.sin(2 * Math.PI * k * t / n);
                }
                assertEquals(sr, re[k], 1e-9 * n, "re n=" + n + " k=" + k);
                assertEquals(si, im[k], 1e-9 * n, "im n=" + n + " k=" + k);
                assertEquals(sr * sr + si * si, pow[k], 1e-8 * n * n, "power n=" + n + " k=" + k);
            }
        }
    }

    @Test
    void sine440PeaksInItsBin() {
        int n = 512;
        double rate = 16000;
        double[] x = new double[n];
        double[] w = WindowType.HANN.coefficients(400);
        for (int i = 0; i < 400; i++) x[i] = Math.sin(2 * Math.PI * 440 * i / rate) * w[i];
        double[] p = new double[n / 2 + 1];
        new RealFft(n).powerSpectrum(x, p);
        int best = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
        assertEquals(Math.round(440 * n / rate), best);
    }

    @Test
    void rejectsNonPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new RealFft(400));
        assertThrows(IllegalArgumentException.class, () -> new RealFft(1));
        assertEquals(512, RealFft.nextPowerOfTwo(400));
        assertEquals(512, RealFft.nextPowerOfTwo(512));
    }
}
