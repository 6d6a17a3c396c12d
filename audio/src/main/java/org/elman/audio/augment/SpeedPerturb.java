package org.elman.audio.augment;

import java.util.Random;
import org.elman.audio.pcm.Resampler;

/**
 * Speed perturbation as in Kaldi/sox {@code speed}: the signal is played {@code factor} times faster,
 * changing both tempo and pitch. Implemented by reading the samples as if recorded at
 * {@code rate * factor} Hz and resampling back to {@code rate}, so the length becomes
 * {@code ceil(N / factor)}. {@code rate * factor} is rounded to an integer.
 */
public final class SpeedPerturb {
    /** The usual factors 0.9, 1.0 and 1.1. */
    public static final double[] DEFAULT_FACTORS = {0.9, 1.0, 1.1};

    private SpeedPerturb() {
    }

    public static float[] apply(float[] x, int rateHz, double factor) {
        if (!(factor >= 0.25 && factor <= 4)) throw new IllegalArgumentException("speed factor must be in [0.25, 4], got " + factor);
        int virtualRate = (int) Math.round(rateHz * factor);
        if (virtualRate == rateHz) return x.clone();
        return Resampler.resample(x, virtualRate, rateHz);
    }

    /** Applies a factor drawn uniformly from {@code factors}. */
    public static float[] applyRandom(float[] x, int rateHz, double[] factors, Random rng) {
        return apply(x, rateHz, factors[rng.nextInt(factors.length)]);
    }
}
