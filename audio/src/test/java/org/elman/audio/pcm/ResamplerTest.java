package org.elman.audio.pcm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.elman.audio.AudioFormatException;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    static float[] tone(double hz, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        return x;
    }

    /** Amplitude of the component at {@code hz}, by least squares over the middle of the signal. */
    static double amplitude(float[] y, double hz, int rate) {
        int lo = y.length / 4, hi = 3 * y.length / 4;
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (int i = lo; i < hi; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / rate), c = Math.cos(2 * Math.PI * hz * i / rate);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += y[i] * s;
            yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det, b = (yc * ss - ys * sc) / det;
        return Math.hypot(a, b);
    }

    static double rms(float[] y, int lo, int hi) {
        double s = 0;
        for (int i = lo; i < hi; i++) s += (double) y[i] * y[i];
        return Math.sqrt(s / (hi - lo));
    }

    @Test
    void passbandAmplitudeWithinPointOneDb() {
        int[][] pairs = {{48000, 16000}, {44100, 16000}, {8000, 16000}, {22050, 16000}};
        for (int[] p : pairs) {
            double nyq = 0.5 * Math.min(p[0], p[1]);
            for (double frac : new double[] {0.05, 0.3, 0.6, 0.85, 0.9}) {
                double hz = frac * nyq;
                float[] y = Resampler.resample(tone(hz, p[0], p[0] / 5), p[0], p[1]);
                double db = 20 * Math.log10(amplitude(y, hz, p[1]) / 0.5);
                assertTrue(Math.abs(db) < 0.1, p[0] + "->" + p[1] + " at " + hz + " Hz: " + db + " dB");
            }
        }
    }

    @Test
    void stopbandAttenuatedMoreThan40Db() {
        for (double hz : new double[] {8500, 10000, 15000, 23000}) {
            float[] y = Resampler.resample(tone(hz, 48000, 9600), 48000, 16000);
            double db = 20 * Math.log10(rms(y, y.length / 4, 3 * y.length / 4) / (0.5 / Math.sqrt(2)));
            assertTrue(db < -40, hz + " Hz leaked at " + db + " dB");
        }
    }

    @Test
    void sweepKeepsPassbandAndRemovesStopband() {
        int in = 48000, out = 16000, n = 2 * in;
        float[] x = new float[n];
        double f1 = 24000.0, dur = n / (double) in;
        for (int i = 0; i < n; i++) {
            double t = i / (double) in;
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * (f1 / (2 * dur)) * t * t));
        }
        float[] y = Resampler.resample(x, in, out);
        float[] ideal = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            double t = i / (double) out;
            ideal[i] = (float) (0.5 * Math.sin(2 * Math.PI * (f1 / (2 * dur)) * t * t));
        }
        int seg = out / 50;
        for (int s = 0; s + seg <= y.length; s += seg) {
            double centreHz = f1 * ((s + seg / 2.0) / out) / dur;
            double db = 20 * Math.log10(rms(y, s, s + seg) / rms(ideal, s, s + seg));
            if (centreHz > 100 && centreHz < 0.9 * 8000 - 300) {
                assertTrue(Math.abs(db) < 0.1, "sweep at " + centreHz + " Hz: " + db + " dB");
            } else if (centreHz > 8000 + 300) {
                assertTrue(db < -40, "sweep at " + centreHz + " Hz leaked " + db + " dB");
            }
        }
    }

    @Test
    void lengthsAndChunkingInvariance() {
        Random rng = new Random(3);
        float[] x = new float[12345];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian() * 0.1f;
        float[] whole = Resampler.resample(x, 44100, 16000);
        assertEquals((12345L * 16000 + 44099) / 44100, whole.length);
        for (int chunk : new int[] {1, 37, 160, 4410}) {
            Resampler r = new Resampler(44100, 16000);
            float[] acc = new float[0];
            for (int off = 0; off < x.length; off += chunk) {
                int len = Math.min(chunk, x.length - off);
                acc = concat(acc, r.process(x, off, len, false));
            }
            acc = concat(acc, r.process(x, 0, 0, true));
            assertArrayEquals(whole, acc, "chunk " + chunk);
        }
        assertEquals(2 * x.length, Resampler.resample(x, 8000, 16000).length);
        assertArrayEquals(x, Resampler.resample(x, 16000, 16000));
        assertThrows(AudioFormatException.class, () -> new Resampler(0, 16000));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(768000, 767999));
    }

    /**
     * The fast path against the one-output-at-a-time reference, same taps, on random signals: bit
     * for bit (products rounded to float as the reference rounds them, same order of additions).
     */
    @Test
    void fastPathMatchesReference() {
        Random rng = new Random(11);
        int[][] pairs = {{8000, 16000}, {44100, 16000}, {48000, 16000}, {16000, 8000}, {22050, 16000}, {17600, 16000}};
        for (int[] p : pairs) {
            float[] x = noise(rng, 3 * p[0] / 4 + rng.nextInt(100));
            float[] fast = Resampler.resample(x, p[0], p[1]);
            float[] ref = ReferenceResampler.resample(x, p[0], p[1]);
            assertArrayEquals(ref, fast, p[0] + "->" + p[1]);
        }
    }

    /**
     * Streaming output equals offline output bit for bit for chunks of 1, 37, random sizes (mixing
     * the one-by-one and the phase-by-phase paths) and large blocks, for the rate pairs with a
     * dedicated path (8k -> 16k: one input step per period; 48k -> 16k and 44.1k -> 16k:
     * de-interleaved streams).
     */
    @Test
    void streamingMatchesOfflineForAnyChunking() {
        Random rng = new Random(5);
        for (int[] p : new int[][] {{8000, 16000}, {48000, 16000}, {44100, 16000}}) {
            float[] x = noise(rng, p[0] + 1234);
            float[] whole = Resampler.resample(x, p[0], p[1]);
            for (int chunk : new int[] {1, 37, 0, 20000}) {
                Resampler r = new Resampler(p[0], p[1]);
                float[] acc = new float[0];
                for (int off = 0; off < x.length; ) {
                    int len = Math.min(chunk > 0 ? chunk : 1 + rng.nextInt(3000), x.length - off);
                    acc = concat(acc, r.process(x, off, len, false));
                    off += len;
                }
                acc = concat(acc, r.process(x, 0, 0, true));
                assertArrayEquals(whole, acc, p[0] + "->" + p[1] + " chunk " + chunk);
            }
        }
    }

    /** A chunk longer than the internal slice (65536 samples) gives the same output as small chunks. */
    @Test
    void longChunksAreSlicedWithoutChangingTheOutput() {
        Random rng = new Random(9);
        float[] x = noise(rng, 150_001);
        for (int[] p : new int[][] {{8000, 16000}, {44100, 16000}}) {
            float[] whole = Resampler.resample(x, p[0], p[1]);
            Resampler r = new Resampler(p[0], p[1]);
            float[] acc = r.process(x, 0, 100_000, false);
            for (int off = 100_000; off < x.length; off += 4410) {
                acc = concat(acc, r.process(x, off, Math.min(4410, x.length - off), false));
            }
            acc = concat(acc, r.process(x, 0, 0, true));
            assertArrayEquals(whole, acc, p[0] + "->" + p[1]);
            float[] ref = ReferenceResampler.resample(x, p[0], p[1]);
            assertEquals(ref.length, whole.length);
            assertArrayEquals(ref, whole, p[0] + "->" + p[1] + " reference");
        }
    }

    @Test
    void rejectsBadRangesAndUseAfterFlush() {
        Resampler r = new Resampler(8000, 16000);
        assertThrows(IndexOutOfBoundsException.class, () -> r.process(new float[4], 2, 3, false));
        assertThrows(IndexOutOfBoundsException.class, () -> r.process(new float[4], -1, 1, false));
        r.process(new float[4], 0, 4, true);
        assertThrows(IllegalStateException.class, () -> r.process(new float[4], 0, 4, false));
        assertEquals(0, new Resampler(8000, 16000).process(new float[0], 0, 0, true).length);
    }

    @Test
    void resetEqualsANewResampler() {
        Random rng = new Random(21);
        float[] x = noise(rng, 5000);
        for (int[] rates : new int[][] {{8000, 16000}, {44100, 16000}, {16000, 8000}}) {
            float[] fresh = new Resampler(rates[0], rates[1]).process(x, 0, x.length, true);
            Resampler r = new Resampler(rates[0], rates[1]);
            r.process(noise(rng, 777), 0, 777, false);
            r.reset();
            assertArrayEquals(fresh, r.process(x, 0, x.length, true), "reset mid-stream " + rates[0]);
            r.reset();   // after a flush, too
            assertArrayEquals(fresh, r.process(x, 0, x.length, true), "reset after flush " + rates[0]);
        }
    }

    static float[] noise(Random rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) Math.max(-1, Math.min(1, rng.nextGaussian() * 0.3));
        return x;
    }

    static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
