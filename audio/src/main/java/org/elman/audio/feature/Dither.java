package org.elman.audio.feature;

/**
 * Seeded Gaussian dither noise. Each frame has its own stream (SplitMix64 seeded from the dither
 * seed and the frame index, so any chunking gives the same noise), turned into normal pairs by
 * Marsaglia's polar method.
 */
final class Dither {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Dither() {
    }

    /** Writes {@code len} noise values of standard deviation {@code amount} for frame {@code frameIndex}. */
    static void fill(long seed, long frameIndex, double amount, double[] noise, int len) {
        long state = seed * GOLDEN_GAMMA + frameIndex;
        for (int i = 0; i < len; i += 2) {
            double u;
            double v;
            double s;
            do {
                state += GOLDEN_GAMMA;
                u = 2 * unit(state) - 1;
                state += GOLDEN_GAMMA;
                v = 2 * unit(state) - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double m = amount * Math.sqrt(-2 * Math.log(s) / s);
            noise[i] = u * m;
            if (i + 1 < len) noise[i + 1] = v * m;
        }
    }

    /** SplitMix64's output function as a double in [0, 1). */
    private static double unit(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
