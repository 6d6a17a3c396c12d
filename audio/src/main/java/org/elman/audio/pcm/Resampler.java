package org.elman.audio.pcm;

import java.util.Arrays;
import org.elman.audio.AudioData;

/**
 * Band-limited resampling between any two integer rates, offline or streaming.
 *
 * <p>Each output sample at time {@code t = n / outRate} is {@code sum_j x[j] h(j/inRate - t) / inRate}
 * over the input samples within {@code halfWidth} seconds, where {@code h} is a Kaiser-windowed
 * sinc low-pass filter, {@code h(d) = 2 fc sinc(2 fc d) w(d / halfWidth)} ({@link ResamplerFilter}).
 * This is Kaldi's {@code LinearResample} structure (weights precomputed for the {@code outRate/gcd}
 * output phases) with a Kaiser window (beta 7.86, about 80 dB stop-band) instead of Hann. The cutoff
 * {@code fc} is 0.95 of the lower Nyquist frequency and the transition band spans 0.9..1.0 of it, so
 * tones below 0.9 x Nyquist pass within 0.01 dB and tones above the new Nyquist are removed.
 *
 * <p>Streaming: {@link #process} accepts chunks of any size and returns the output samples whose
 * filter support is complete; with {@code flush} the signal ends and the rest is produced treating
 * samples beyond the end as zero. Output is identical for any chunking; the total length is
 * {@code ceil(N * outRate / inRate)}. Not thread-safe.
 *
 * <p>This is the fast path; {@link ReferenceResampler} computes one dot product per output, and
 * the two agree bit for bit (tested): every output is
 * {@code acc = 0; for j in 0..T-1: acc += (double) (float) (w[p][j] * x[first(n) + j])}, the taps
 * the same float tables (held here widened to double, the product exact in double and then
 * rounded to float precision by {@link #toFloat}), each phase's taps zero-padded to the longest
 * phase's length {@code T} and the signal zero-padded at
 * both ends, so the value of an output does not depend on how it was computed (streaming output is
 * bit-identical to offline output). Many outputs at once go tap by tap: for each phase and group of
 * four taps, the inputs of consecutive outputs of that phase (contiguous in the input, or in one of
 * {@code inPeriod} de-interleaved streams) are copied to four work arrays and added, times the taps,
 * into an array of accumulators; that loop indexes all arrays alike, so the JIT turns it into SIMD
 * code. A few outputs per phase (small chunks, or rates with many phases such as 44.1k -> 16k in
 * 20 ms chunks) go one by one, four interleaved.
 */
public final class Resampler {
    /** Outputs per phase from which the tap-by-tap (SIMD) path pays off. */
    private static final int MIN_VECTOR_RUN = 24;
    private static final int BLOCK = 256;
    /** Input samples taken at a time from one long chunk. */
    private static final int SLICE = 1 << 16;
    /** Taps per pass of the SIMD path; every phase is zero-padded to a multiple of it. */
    private static final int TAP_GROUP = 4;

    private final ResamplerFilter filter;
    private final int taps;
    /** Taps of each phase, widened to double (no conversion in the inner loops) and zero-padded to {@link #taps}. */
    private final double[][] weights;
    private final double[] acc = new double[BLOCK];
    private final double[][] work = new double[TAP_GROUP][BLOCK];
    private double[] streams = new double[0];
    /** Scratch of the one-by-one path: phase and buffer position of each output. */
    private int[] phaseOf = new int[0];
    private int[] baseOf = new int[0];
    private double[] buf = new double[64];
    /** Input index of {@code buf[0]}; negative at first, where the signal is zero-padded. */
    private long bufStart;
    private int bufLen;
    private long totalIn;
    private long outputsDone;
    private boolean flushed;

    public Resampler(int inRateHz, int outRateHz) {
        this.filter = new ResamplerFilter(inRateHz, outRateHz);
        int t = 0;
        for (float[] w : filter.weights) t = Math.max(t, w.length);
        this.taps = (t + TAP_GROUP - 1) / TAP_GROUP * TAP_GROUP;
        this.weights = new double[filter.outPeriod][taps];
        for (int p = 0; p < weights.length; p++) {
            for (int j = 0; j < filter.weights[p].length; j++) weights[p][j] = filter.weights[p][j];
        }
        start();
    }

    /** Forgets all input, as a new resampler for the same rates would (the filter tables are kept). */
    public void reset() {
        bufLen = 0;
        totalIn = 0;
        outputsDone = 0;
        flushed = false;
        start();
    }

    private void start() {
        long lead = Math.max(0, -filter.firstIndex[0]);
        this.bufStart = -lead;
        appendZeros((int) lead);
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
        return filter.outputLength(n);
    }

    /**
     * Feeds a chunk; returns the output samples that became available (all of them when flushing).
     * A long chunk is taken in slices of {@link #SLICE} samples, so the working memory stays small
     * (the output does not depend on the chunking).
     */
    public float[] process(float[] x, int off, int len, boolean flush) {
        if (flushed) throw new IllegalStateException("Resampler already flushed; call reset() or create a new one");
        if (off < 0 || len < 0 || off + len > x.length) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + (off + len) + ") of " + x.length);
        }
        if (len <= SLICE) return step(x, off, len, flush);
        float[] out = new float[(int) (outputLength(totalIn + len) - outputsDone)];
        int filled = 0;
        for (int done = 0; done < len; done += SLICE) {
            int n = Math.min(SLICE, len - done);
            float[] part = step(x, off + done, n, flush && done + n == len);
            System.arraycopy(part, 0, out, filled, part.length);
            filled += part.length;
        }
        return filled == out.length ? out : Arrays.copyOf(out, filled);
    }

    private float[] step(float[] x, int off, int len, boolean flush) {
        append(x, off, len);
        totalIn += len;
        long end;
        if (flush) {
            end = outputLength(totalIn);
            if (end > outputsDone) appendZeros((int) Math.max(0, filter.first(end - 1) + taps - (bufStart + bufLen)));
        } else {
            end = completeOutputs();
        }
        float[] out = new float[(int) Math.max(0, end - outputsDone)];
        if (out.length / filter.outPeriod >= MIN_VECTOR_RUN) {
            byPhase(out);
        } else {
            oneByOne(out);
        }
        outputsDone += out.length;
        flushed = flush;
        discardBefore(filter.first(outputsDone));
        return out;
    }

    /**
     * Outputs {@code outputsDone + [0, out.length)} phase by phase, in blocks of at most
     * {@link #BLOCK} periods (all phases of a block before the next, so that the block's input stays
     * in cache).
     */
    private void byPhase(float[] out) {
        int period = filter.outPeriod, step = filter.inPeriod;
        int streamLen = step == 1 ? 0 : deinterleave(step);
        long end = outputsDone + out.length;
        for (long mb = Math.floorDiv(outputsDone, period); mb * period < end; mb += BLOCK) {
            for (int p = 0; p < period; p++) {
                long lo = Math.max(mb, ceilDiv(outputsDone - p, period));
                long hi = Math.min(mb + BLOCK, ceilDiv(end - p, period));
                if (hi <= lo) continue;
                int c = (int) (hi - lo);
                accumulate(weights[p], filter.first(lo * period + p) - bufStart, c, step, streamLen);
                int at = (int) (lo * period + p - outputsDone);
                for (int i = 0; i < c; i++) out[at + i * period] = (float) acc[i];
            }
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * {@code acc[i] = sum_j w[j] buf[local + i step + j]} for i &lt; c, taps in order, four per pass:
     * the inputs of taps j..j+3 go to four work arrays (copies from the buffer when step is 1, else
     * from the taps' de-interleaved streams), and {@code acc[i] + w0 x0[i] + w1 x1[i] + w2 x2[i] +
     * w3 x3[i]} adds them left to right, which is exactly four single-tap additions. (Separate work
     * arrays rather than one read at i, i+1, ...: HotSpot 17 vectorises only the former.)
     */
    private void accumulate(double[] w, long local, int c, int step, int streamLen) {
        double[] a = acc, x0 = work[0], x1 = work[1], x2 = work[2], x3 = work[3];
        Arrays.fill(a, 0, c, 0.0);
        for (int j = 0; j < w.length; j += TAP_GROUP) {
            double w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3];
            for (int k = 0; k < TAP_GROUP; k++) {
                long t = local + j + k;
                if (step == 1) {
                    System.arraycopy(buf, (int) t, work[k], 0, c);
                } else {
                    System.arraycopy(streams, (int) (t % step) * streamLen + (int) (t / step), work[k], 0, c);
                }
            }
            for (int i = 0; i < c; i++) {
                a[i] = a[i] + toFloat(w0 * x0[i]) + toFloat(w1 * x1[i]) + toFloat(w2 * x2[i]) + toFloat(w3 * x3[i]);
            }
        }
    }

    /** {@code streams[r * len + i] = buf[r + step * i]} for every residue r; returns len. */
    private int deinterleave(int step) {
        int len = (bufLen + step - 1) / step;
        if (streams.length < step * len) streams = new double[step * len];
        for (int i = 0, r = 0, k = 0; k < bufLen; k++) {
            streams[r * len + i] = buf[k];
            if (++r == step) {
                r = 0;
                i++;
            }
        }
        return len;
    }

    /**
     * Outputs whose taps all lie within the input so far: every output of the periods before
     * {@code m} (the last phase starts latest), then one by one (at most one period of steps).
     */
    private long completeOutputs() {
        int period = filter.outPeriod;
        long m = Math.floorDiv(totalIn - taps - filter.firstIndex[period - 1], filter.inPeriod);
        long end = Math.max(outputsDone, (m + 1) * period);
        while (filter.first(end) + taps <= totalIn) end++;
        return end;
    }

    /**
     * Outputs one at a time (four interleaved, so the additions overlap); same sums as byPhase.
     * Phases and buffer positions are stepped along, without a division per output.
     */
    private void oneByOne(float[] out) {
        int n = out.length;
        locateOutputs(n);
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int b0 = baseOf[i], b1 = baseOf[i + 1], b2 = baseOf[i + 2], b3 = baseOf[i + 3];
            double[] w0 = weights[phaseOf[i]], w1 = weights[phaseOf[i + 1]];
            double[] w2 = weights[phaseOf[i + 2]], w3 = weights[phaseOf[i + 3]];
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int j = 0; j < taps; j++) {
                a0 += toFloat(w0[j] * buf[b0 + j]);
                a1 += toFloat(w1[j] * buf[b1 + j]);
                a2 += toFloat(w2[j] * buf[b2 + j]);
                a3 += toFloat(w3[j] * buf[b3 + j]);
            }
            out[i] = (float) a0;
            out[i + 1] = (float) a1;
            out[i + 2] = (float) a2;
            out[i + 3] = (float) a3;
        }
        for (; i < n; i++) {
            double[] w = weights[phaseOf[i]];
            int b = baseOf[i];
            double a = 0;
            for (int j = 0; j < taps; j++) a += toFloat(w[j] * buf[b + j]);
            out[i] = (float) a;
        }
    }

    /** {@code phaseOf[i]}, {@code baseOf[i]}: phase and buffer position of output {@code outputsDone + i}. */
    private void locateOutputs(int n) {
        if (phaseOf.length < n) {
            phaseOf = new int[n];
            baseOf = new int[n];
        }
        int p = (int) (outputsDone % filter.outPeriod);
        long periodStart = (outputsDone / filter.outPeriod) * filter.inPeriod - bufStart;
        for (int i = 0; i < n; i++) {
            phaseOf[i] = p;
            baseOf[i] = (int) (periodStart + filter.firstIndex[p]);
            if (++p == filter.outPeriod) {
                p = 0;
                periodStart += filter.inPeriod;
            }
        }
    }

    /**
     * A product of two floats (exact in double) rounded to float precision, as {@code (float)} would
     * round it, but in double arithmetic so that SIMD loops keep it (Veltkamp's split with
     * 2^29 + 1: the high part has 53 - 29 = 24 bits, rounded to nearest, ties to even; checked
     * against the cast on 200 million random products and 1.4 million exact ties). Only products
     * below float's normal range (2^-126) round differently.
     */
    private static double toFloat(double p) {
        double c = p * 536870913.0;
        return c - (c - p);
    }

    private void append(float[] x, int off, int len) {
        ensureCapacity(len);
        for (int i = 0; i < len; i++) buf[bufLen + i] = x[off + i];
        bufLen += len;
    }

    private void appendZeros(int len) {
        ensureCapacity(len);
        Arrays.fill(buf, bufLen, bufLen + len, 0.0);
        bufLen += len;
    }

    private void ensureCapacity(int more) {
        if (bufLen + more > buf.length) buf = Arrays.copyOf(buf, Math.max(bufLen + more, buf.length * 2));
    }

    private void discardBefore(long index) {
        int drop = (int) Math.min(bufLen, Math.max(0, index - bufStart));
        if (drop == 0) return;
        System.arraycopy(buf, drop, buf, 0, bufLen - drop);
        bufLen -= drop;
        bufStart += drop;
    }
}
