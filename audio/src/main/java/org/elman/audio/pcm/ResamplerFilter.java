package org.elman.audio.pcm;

import org.elman.audio.AudioData;

/**
 * The polyphase low-pass filter shared by {@link Resampler} and {@link ReferenceResampler}: a
 * Kaiser-windowed sinc, {@code h(d) = 2 fc sinc(2 fc d) w(d / halfWidth)} (beta 7.86, about 80 dB
 * stop-band), cut off at 0.95 of the lower Nyquist frequency with the transition band over 0.9..1.0
 * of it. Output sample {@code n} is {@code sum_j weights[p][j] x[first(n) + j]} with phase
 * {@code p = n mod outPeriod} and {@code first(n) = firstIndex[p] + (n / outPeriod) inPeriod}.
 */
final class ResamplerFilter {
    private static final double STOPBAND_DB = 80;
    private static final double KAISER_BETA = 0.1102 * (STOPBAND_DB - 8.7);

    final int inRate;
    final int outRate;
    /** Input samples per period of the phase pattern ({@code inRate / gcd}). */
    final int inPeriod;
    /** Output samples (= filter phases) per period ({@code outRate / gcd}). */
    final int outPeriod;
    /** Input index of the first tap of each phase in the first period (non-decreasing in the phase). */
    final long[] firstIndex;
    /** Taps of each phase, already divided by the input rate. */
    final float[][] weights;

    ResamplerFilter(int inRateHz, int outRateHz) {
        AudioData.checkSampleRate("Resampler input", inRateHz);
        AudioData.checkSampleRate("Resampler output", outRateHz);
        this.inRate = inRateHz;
        this.outRate = outRateHz;
        int g = gcd(inRateHz, outRateHz);
        this.inPeriod = inRateHz / g;
        this.outPeriod = outRateHz / g;
        double nyquist = 0.5 * Math.min(inRateHz, outRateHz);
        double cutoff = 0.95 * nyquist;
        double transition = 0.1 * nyquist;
        double halfWidth = 1.1 * (STOPBAND_DB - 8) / (14.36 * transition) / 2;
        long taps = (long) Math.ceil(2 * halfWidth * inRateHz) + 1;
        if (taps * outPeriod > (1L << 26)) {
            throw new IllegalArgumentException("resampling " + inRateHz + " -> " + outRateHz + " Hz needs " + outPeriod
                    + " filter phases of " + taps + " taps; choose rates with a larger common divisor");
        }
        this.firstIndex = new long[outPeriod];
        this.weights = new float[outPeriod][];
        for (int p = 0; p < outPeriod; p++) {
            double t = (double) p / outRateHz;
            long lo = (long) Math.ceil((t - halfWidth) * inRateHz);
            long hi = (long) Math.floor((t + halfWidth) * inRateHz);
            firstIndex[p] = lo;
            weights[p] = new float[(int) (hi - lo + 1)];
            for (long j = lo; j <= hi; j++) {
                double d = (double) j / inRateHz - t;
                weights[p][(int) (j - lo)] = (float) (filter(d, cutoff, halfWidth) / inRateHz);
            }
        }
    }

    /** Output samples for {@code n} input samples of a finished signal: {@code ceil(n*out/in)}. */
    long outputLength(long n) {
        return (n * outRate + inRate - 1) / inRate;
    }

    /** Input index of the first tap of output {@code n}. */
    long first(long n) {
        return firstIndex[(int) (n % outPeriod)] + (n / outPeriod) * inPeriod;
    }

    private static double filter(double d, double cutoff, double halfWidth) {
        if (Math.abs(d) > halfWidth) return 0;
        double x = 2 * cutoff * d;
        double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        double r = d / halfWidth;
        return 2 * cutoff * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / besselI0(KAISER_BETA);
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 60 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
