package org.elman.audio.augment;

import java.util.Random;

/**
 * Additive noise at a chosen signal-to-noise ratio, {@code SNR = 10 log10(P_signal / P_noise)} with
 * P the mean square over the whole signal. Noise is generated (white Gaussian, or pink with a 1/f
 * power spectrum from Paul Kellet's filter of white noise) or taken from a recording, looped from a
 * random offset to the signal's length. Results are not clipped (call {@link VolumePerturb} with
 * gain 1 to clip).
 */
public final class NoiseAdder {
    private NoiseAdder() {
    }

    /** White Gaussian noise with unit variance. */
    public static float[] white(int n, Random rng) {
        float[] z = new float[n];
        for (int i = 0; i < n; i++) z[i] = (float) rng.nextGaussian();
        return z;
    }

    /** Pink (1/f) noise: white noise through Paul Kellet's refined filter, scaled to unit variance. */
    public static float[] pink(int n, Random rng) {
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            double w = rng.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            z[i] = (float) (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
            b6 = w * 0.115926;
        }
        double p = power(z);
        if (p > 0) for (int i = 0; i < n; i++) z[i] /= (float) Math.sqrt(p);
        return z;
    }

    /** A {@code n}-sample excerpt of a noise recording, looped, starting at a random offset. */
    public static float[] excerpt(float[] recording, int n, Random rng) {
        if (recording.length == 0) throw new IllegalArgumentException("noise recording is empty");
        float[] z = new float[n];
        int start = rng.nextInt(recording.length);
        for (int i = 0; i < n; i++) z[i] = recording[(start + i) % recording.length];
        return z;
    }

    /** {@code signal + g * noise} with g chosen so the SNR is exactly {@code snrDb} (noise as long as signal). */
    public static float[] addAtSnr(float[] signal, float[] noise, double snrDb) {
        if (noise.length < signal.length) {
            throw new IllegalArgumentException("noise has " + noise.length + " samples, signal " + signal.length);
        }
        double ps = power(signal), pn = power(noise, signal.length);
        if (pn == 0) throw new IllegalArgumentException("noise is silent; cannot reach an SNR");
        double g = Math.sqrt(ps / (pn * Math.pow(10, snrDb / 10)));
        float[] y = new float[signal.length];
        for (int i = 0; i < y.length; i++) y[i] = (float) (signal[i] + g * noise[i]);
        return y;
    }

    static double power(float[] x) {
        return power(x, x.length);
    }

    static double power(float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) x[i] * x[i];
        return n == 0 ? 0 : s / n;
    }
}
