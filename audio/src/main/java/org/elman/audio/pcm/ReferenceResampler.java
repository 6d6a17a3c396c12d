package org.elman.audio.pcm;

import java.util.Arrays;

/**
 * The plain reference for {@link Resampler}: the same filter ({@link ResamplerFilter}), one output
 * sample at a time, each a dot product of the phase's taps with the input, skipping taps outside
 * the signal. Used by tests and A/B benchmarks to check the fast path. Same contract as
 * {@link Resampler}: chunks of any size, output identical for any chunking, total length
 * {@code ceil(N * outRate / inRate)}. Not thread-safe.
 */
public final class ReferenceResampler {
    private final ResamplerFilter filter;
    private float[] buf = new float[0];
    private long bufStart;
    private int bufLen;
    private long outputsDone;
    private boolean flushed;

    public ReferenceResampler(int inRateHz, int outRateHz) {
        this.filter = new ResamplerFilter(inRateHz, outRateHz);
    }

    /** Resamples a whole signal. */
    public static float[] resample(float[] x, int inRateHz, int outRateHz) {
        if (inRateHz == outRateHz) return x.clone();
        return new ReferenceResampler(inRateHz, outRateHz).process(x, 0, x.length, true);
    }

    /** Output samples for {@code n} input samples of a finished signal: {@code ceil(n*out/in)}. */
    public long outputLength(long n) {
        return filter.outputLength(n);
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
        discardBefore(filter.first(outputsDone));
        return out;
    }

    private long completeOutputs(long totalIn) {
        long n = outputsDone;
        while (filter.first(n) + filter.weights[(int) (n % filter.outPeriod)].length <= totalIn) n++;
        return n;
    }

    private float outputSample(long n, long totalIn) {
        float[] w = filter.weights[(int) (n % filter.outPeriod)];
        long f = filter.first(n);
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
}
