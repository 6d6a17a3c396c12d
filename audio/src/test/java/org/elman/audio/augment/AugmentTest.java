package org.elman.audio.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.elman.audio.feature.FeatureMatrix;
import org.elman.audio.frame.RealFft;
import org.junit.jupiter.api.Test;

class AugmentTest {
    static float[] tone(double hz, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / rate));
        return x;
    }

    static FeatureMatrix ones(int t, int f) {
        float[] x = new float[t * f];
        java.util.Arrays.fill(x, 1f);
        return new FeatureMatrix(x, t, f);
    }

    @Test
    void specAugmentMasksWholeBandsAndSpansReproducibly() {
        SpecAugment sa = SpecAugment.builder().optFreqMasks(1, 10).optTimeMasks(1, 20, 1.0).build();
        FeatureMatrix m = ones(100, 40);
        FeatureMatrix a = sa.apply(m, new Random(9));
        assertArrayEquals(a.data(), sa.apply(m, new Random(9)).data());
        int maskedCols = 0, maskedRows = 0;
        for (int c = 0; c < 40; c++) {
            boolean allZero = true;
            for (int t = 0; t < 100; t++) allZero &= a.get(t, c) == 0f;
            if (allZero) maskedCols++;
        }
        for (int t = 0; t < 100; t++) {
            boolean allZero = true;
            for (int c = 0; c < 40; c++) allZero &= a.get(t, c) == 0f;
            if (allZero) maskedRows++;
        }
        assertTrue(maskedCols <= 10 && maskedRows <= 20, maskedCols + " " + maskedRows);
        int zeros = 0;
        for (float v : a.data()) if (v == 0f) zeros++;
        assertEquals(maskedCols * 100 + maskedRows * 40 - maskedCols * maskedRows, zeros);
        assertEquals(1f, m.data()[0], "input untouched");
        // over many draws both kinds of mask occur and reach their maximum width
        int maxCols = 0;
        Random rng = new Random(1);
        for (int i = 0; i < 200; i++) {
            FeatureMatrix b = sa.apply(m, rng);
            int cols = 0;
            for (int c = 0; c < 40; c++) if (b.get(0, c) == 0f && b.get(99, c) == 0f && b.get(50, c) == 0f) cols++;
            maxCols = Math.max(maxCols, cols);
        }
        assertTrue(maxCols >= 10);
        assertThrows(IllegalArgumentException.class, () -> SpecAugment.builder().optTimeMasks(1, 5, 2.0).build());
    }

    @Test
    void timeWarpKeepsShapeAndEndpoints() {
        float[] x = new float[50 * 2];
        for (int t = 0; t < 50; t++) {
            x[2 * t] = t;
            x[2 * t + 1] = 2 * t;
        }
        FeatureMatrix m = new FeatureMatrix(x, 50, 2);
        SpecAugment warp = SpecAugment.builder().optFreqMasks(0, 0).optTimeMasks(0, 0, 0).optTimeWarp(5).build();
        FeatureMatrix w = warp.apply(m, new Random(4));
        assertEquals(0f, w.get(0, 0));
        assertEquals(49f, w.get(49, 0), 1e-4);
        for (int t = 1; t < 50; t++) assertTrue(w.get(t, 0) >= w.get(t - 1, 0), "monotone ramp stays monotone");
    }

    @Test
    void speedPerturbChangesLengthAndPitch() {
        int rate = 16000;
        float[] x = tone(1000, rate, 16000);
        float[] fast = SpeedPerturb.apply(x, rate, 1.1);
        float[] slow = SpeedPerturb.apply(x, rate, 0.9);
        assertEquals((long) Math.ceil(16000 / 1.1), fast.length, 1);
        assertEquals((long) Math.ceil(16000 / 0.9), slow.length, 1);
        assertEquals(1100, peakHz(fast, rate), 20);
        assertEquals(900, peakHz(slow, rate), 20);
        assertArrayEquals(x, SpeedPerturb.apply(x, rate, 1.0));
        float[] r1 = SpeedPerturb.applyRandom(x, rate, SpeedPerturb.DEFAULT_FACTORS, new Random(3));
        assertArrayEquals(r1, SpeedPerturb.applyRandom(x, rate, SpeedPerturb.DEFAULT_FACTORS, new Random(3)));
    }

    static double peakHz(float[] x, int rate) {
        int n = 8192;
        double[] buf = new double[n], p = new double[n / 2 + 1];
        for (int i = 0; i < Math.min(n, x.length); i++) buf[i] = x[i];
        new RealFft(n).powerSpectrum(buf, p);
        int best = 1;
        for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
        return best * (double) rate / n;
    }

    @Test
    void volumeAndNoiseReachTheirTargets() {
        float[] x = tone(440, 16000, 8000);
        float[] louder = VolumePerturb.apply(x, 2.0);
        assertEquals(2 * x[20], louder[20], 1e-6);
        assertEquals(1f, VolumePerturb.apply(x, 10)[4], "clipped");
        float[] v1 = VolumePerturb.applyRandomDb(x, -6, 6, new Random(5));
        assertArrayEquals(v1, VolumePerturb.applyRandomDb(x, -6, 6, new Random(5)));
        for (double snr : new double[] {-5, 0, 10, 20}) {
            for (float[] noise : new float[][] {NoiseAdder.white(8000, new Random(1)), NoiseAdder.pink(8000, new Random(2)),
                    NoiseAdder.excerpt(NoiseAdder.white(3000, new Random(3)), 8000, new Random(4))}) {
                float[] y = NoiseAdder.addAtSnr(x, noise, snr);
                float[] added = new float[x.length];
                for (int i = 0; i < x.length; i++) added[i] = y[i] - x[i];
                double achieved = 10 * Math.log10(NoiseAdder.power(x) / NoiseAdder.power(added));
                assertEquals(snr, achieved, 0.01);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> NoiseAdder.addAtSnr(x, new float[8000], 10));
        assertThrows(IllegalArgumentException.class, () -> VolumePerturb.apply(x, -1));
    }

    @Test
    void pinkNoiseFallsThreeDbPerOctave() {
        float[] z = NoiseAdder.pink(1 << 16, new Random(8));
        int n = 1024;
        double[] acc = new double[n / 2 + 1], buf = new double[n], p = new double[n / 2 + 1];
        RealFft fft = new RealFft(n);
        for (int s = 0; s + n <= z.length; s += n) {
            for (int i = 0; i < n; i++) buf[i] = z[s + i];
            fft.powerSpectrum(buf, p);
            for (int k = 0; k < p.length; k++) acc[k] += p[k];
        }
        double low = band(acc, 16, 32), high = band(acc, 128, 256);
        double dbPerOctave = 10 * Math.log10(high / low) / 3;
        assertEquals(0, dbPerOctave, 1.0, "band energies per octave are about equal for 1/f noise");
    }

    static double band(double[] p, int lo, int hi) {
        double s = 0;
        for (int k = lo; k < hi; k++) s += p[k];
        return s;
    }

    @Test
    void fftConvolutionMatchesDirectAndRirDecays() {
        Random rng = new Random(6);
        float[] x = NoiseAdder.white(300, rng), h = NoiseAdder.white(77, rng);
        float[] y = FftConvolver.convolve(x, h);
        assertEquals(376, y.length);
        for (int n = 0; n < y.length; n++) {
            double s = 0;
            for (int k = 0; k < h.length; k++) if (n - k >= 0 && n - k < x.length) s += h[k] * x[n - k];
            assertEquals(s, y[n], 1e-4);
        }
        float[] rir = Reverb.syntheticRir(16000, 0.3, 0, new Random(7));
        assertEquals(4800, rir.length);
        assertEquals(1f, rir[0]);
        double tail = 0, first = 0, last = 0;
        for (int i = 1; i < rir.length; i++) {
            tail += rir[i] * rir[i];
            if (i < 800) first += rir[i] * rir[i];
            if (i >= 4000) last += rir[i] * rir[i];
        }
        assertEquals(1.0, tail, 1e-3, "DRR 0 dB: tail energy equals direct energy");
        // energy falls 60 dB over RT60: 800-sample windows 4000 samples apart differ by about 50 dB
        assertEquals(50, 10 * Math.log10(first / last), 3);
        float[] wet = Reverb.apply(tone(300, 16000, 4000), rir);
        assertEquals(4000, wet.length);
        assertArrayEquals(wet, Reverb.apply(tone(300, 16000, 4000), Reverb.syntheticRir(16000, 0.3, 0, new Random(7))));
    }
}
