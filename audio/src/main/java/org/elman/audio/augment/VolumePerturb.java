package org.elman.audio.augment;

import java.util.Random;

/** Volume (gain) perturbation; results are clipped to [-1, 1]. */
public final class VolumePerturb {
    private VolumePerturb() {
    }

    /** Multiplies by {@code gain} (>= 0). */
    public static float[] apply(float[] x, double gain) {
        if (!(gain >= 0 && Double.isFinite(gain))) throw new IllegalArgumentException("gain must be >= 0, got " + gain);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.max(-1.0, Math.min(1.0, x[i] * gain));
        return y;
    }

    /** Applies a gain drawn uniformly in decibels from {@code [minDb, maxDb]}. */
    public static float[] applyRandomDb(float[] x, double minDb, double maxDb, Random rng) {
        if (!(minDb <= maxDb)) throw new IllegalArgumentException("need minDb <= maxDb, got " + minDb + ", " + maxDb);
        double db = minDb + (maxDb - minDb) * rng.nextDouble();
        return apply(x, Math.pow(10, db / 20));
    }
}
