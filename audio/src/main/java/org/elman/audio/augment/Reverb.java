package org.elman.audio.augment;

import java.util.Random;

/**
 * Reverberation by convolution with a room impulse response (FFT convolution). The synthetic RIR is
 * a direct-path impulse of 1 followed by Gaussian noise under the exponential envelope
 * {@code exp(-3 ln(10) t / RT60)} (energy falls 60 dB in RT60 seconds), {@code RT60} seconds long,
 * with the tail scaled so the direct-to-reverberant energy ratio is {@code drrDb}.
 */
public final class Reverb {
    private Reverb() {
    }

    /** A synthetic RIR sampled at {@code rateHz}. */
    public static float[] syntheticRir(int rateHz, double rt60Seconds, double drrDb, Random rng) {
        if (!(rt60Seconds > 0 && rt60Seconds <= 5)) throw new IllegalArgumentException("RT60 must be in (0, 5] s, got " + rt60Seconds);
        int n = Math.max(2, (int) Math.round(rt60Seconds * rateHz));
        float[] h = new float[n];
        double decay = 3 * Math.log(10) / (rt60Seconds * rateHz);
        double tailEnergy = 0;
        for (int i = 1; i < n; i++) {
            h[i] = (float) (rng.nextGaussian() * Math.exp(-decay * i));
            tailEnergy += (double) h[i] * h[i];
        }
        double g = Math.sqrt(Math.pow(10, -drrDb / 10) / tailEnergy);
        for (int i = 1; i < n; i++) h[i] *= (float) g;
        h[0] = 1f;
        return h;
    }

    /**
     * Convolves {@code x} with {@code rir}, keeps the first {@code x.length} samples (aligned to the
     * direct path at index 0) and rescales to the input's peak level so loudness stays comparable.
     */
    public static float[] apply(float[] x, float[] rir) {
        float[] y = FftConvolver.convolve(x, rir);
        float peakIn = peak(x, x.length), peakOut = peak(y, x.length);
        float scale = peakOut > 0 ? peakIn / peakOut : 1f;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = y[i] * scale;
        return out;
    }

    private static float peak(float[] x, int n) {
        float p = 0;
        for (int i = 0; i < n; i++) p = Math.max(p, Math.abs(x[i]));
        return p;
    }
}
