package org.elman.audio.pcm;

import java.util.Arrays;
import org.elman.audio.AudioData;

/**
 * Band-limited resampling between any two integer rates, offline or streaming.
 *
 * <p>Each output sample at time {@code t = n / outRate} is {@code sum_j x[j] h(j/inRate - t) / inRate}
 * over the input samples within {@code halfWidth} seconds, where {@code h} is a Kaiser-windowed
 * sinc low-pass filter, {@code h(d) = 2 fc sinc(2 fc d) w(d / halfWidth)}. This is Kaldi's
 * {@code LinearResample} structure (weights precomputed for the {@code outRate/gcd} output phases)
 * with a Kaiser window (beta 7.86, about 80 dB stop-band) instead of Hann. The cutoff {@code fc} is
 * 0.95 of the lower Nyquist frequency and the transition band spans 0.9..1.0 of it, so tones below
 * 0.9 x Nyquist pass within 0.01 dB and tones above the new Nyquist are removed.
 *
 * <p>Streaming: {@link #process} accepts chunks of any size and returns the output samples whose
 * filter support is complete; with {@code flush} the signal ends and the rest is produced treating
 * samples beyond the end as zero. Output is identical for any chunking; the total length is
 * {@code ceil(N * outRate / inRate)}. Not thread-safe.
 */
public final class Resampler {
    private static final double STOPBAND_DB = 80;
    private static final double KAISER_BETA = 0.1102 * (STOPBAND_DB - 8.7);

    private final int inRate;
    private final int outRate;
    private final int inPeriod;
    private final int outPeriod;
    private final long[] firstIndex;
    private final float[][] weights;
    private float[] buf = new float[0];
    private long bufStart;
    private int bufLen;
    private long outputsDone;
    private boolean flushed;

    public Resampler(int inRateHz, int outRateHz) {
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

    /** Resamples a whole signal. */
    public static float[] resample(float[] x, int inRateHz, int outRateHz) {
        if (inRateHz == outRateHz) return x.clone();
        return new Resampler(inRateHz, outRateHz).process(x, 0, x.length, true);
    }

    /** Resamples audio to {@code outRateHz} (returns the same object when the rate already matches). */
    public static AudioData resample(AudioData a, int outRateHz) {
        if (a.sampleRateHz() == outRateHz) return a;
        return new AudioData(resample(a.samples(), a.sampleRateHz(), outRateHz), outRateHz);
    }

    /** Output samples for {@code n} input samples of a finished signal: {@code ceil(n*out/in)}. */
    public long outputLength(long n) {
        return (n * outRate + inRate - 1) / inRate;
    }

    /** Feeds a chunk; returns the output samples that became available (all of them when flushing). */
    public float[] process(float[] x, int off, int len, boolean flush) {
        if (flushed) throw new IllegalStateException("Resampler already flushed; create a new one");
        append(x, off, len);
        long totalIn = bufStart + bufLen;
        long end = flush ? outputLength(totalIn) : completeOutputs(totalIn);
        float[] out = new float[(int) Math.max(0, end - outputsDone)];
        for (int i = 0; i < out.length; i++) out[i] = outputSample(outputsDone + i, totalIn);
        outputsDone = Math.max(outputsDone, end);
        flushed = flush;
        discardBefore(first(outputsDone));
        return out;
    }

    private long completeOutputs(long totalIn) {
        long n = outputsDone;
        while (first(n) + weights[(int) (n % outPeriod)].length <= totalIn) n++;
        return n;
    }

    private long first(long n) {
        return firstIndex[(int) (n % outPeriod)] + (n / outPeriod) * inPeriod;
    }

    private float outputSample(long n, long totalIn) {
        float[] w = weights[(int) (n % outPeriod)];
        long f = first(n);
        int j0 = (int) Math.max(0, -f), j1 = (int) Math.min(w.length, totalIn - f);
        int base = (int) (f - bufStart);
        double acc = 0;
        for (int j = j0; j < j1; j++) acc += w[j] * buf[base + j];
        return (float) acc;
    }

    private void append(float[] x, int off, int len) {
        if (bufLen + len > buf.length) buf = Arrays.copyOf(buf, Math.max(bufLen + len, buf.length * 2));
        System.arraycopy(x, off, buf, bufLen, len);
        bufLen += len;
    }

    private void discardBefore(long index) {
        int drop = (int) Math.min(bufLen, Math.max(0, index - bufStart));
        if (drop == 0) return;
        System.arraycopy(buf, drop, buf, 0, bufLen - drop);
        bufLen -= drop;
        bufStart += drop;
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
