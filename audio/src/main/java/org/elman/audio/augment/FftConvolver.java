package org.elman.audio.augment;

import org.elman.audio.frame.ComplexFft;

/**
 * Linear convolution through the FFT: both signals are zero-padded to a power of two at least
 * {@code x.length + h.length - 1} long, transformed (packed as one complex FFT, real part x and
 * imaginary part h), multiplied and transformed back.
 */
public final class FftConvolver {
    private FftConvolver() {
    }

    /** The full convolution {@code y[n] = sum_k h[k] x[n-k]}, {@code x.length + h.length - 1} samples. */
    public static float[] convolve(float[] x, float[] h) {
        if (x.length == 0 || h.length == 0) throw new IllegalArgumentException("cannot convolve an empty signal");
        int outLen = x.length + h.length - 1;
        int n = Integer.highestOneBit(Math.max(1, outLen - 1)) << 1;
        if (outLen == 1) n = 1;
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < x.length; i++) re[i] = x[i];
        for (int i = 0; i < h.length; i++) im[i] = h[i];
        ComplexFft fft = new ComplexFft(n);
        fft.forward(re, im);
        double[] pr = new double[n], pi = new double[n];
        for (int k = 0; k < n; k++) {
            int m = (n - k) & (n - 1);
            // X = (Z[k] + conj Z[n-k]) / 2, H = (Z[k] - conj Z[n-k]) / 2i
            double xr = 0.5 * (re[k] + re[m]), xi = 0.5 * (im[k] - im[m]);
            double hr = 0.5 * (im[k] + im[m]), hi = -0.5 * (re[k] - re[m]);
            pr[k] = xr * hr - xi * hi;
            pi[k] = xr * hi + xi * hr;
        }
        fft.inverse(pr, pi);
        float[] y = new float[outLen];
        for (int i = 0; i < outLen; i++) y[i] = (float) pr[i];
        return y;
    }
}
