package org.elman.ops;

import org.elman.backend.cpu.Parallel;
import org.elman.ops.Norm.ChannelLayout;

/**
 * Cache-friendly batch-norm loops: they walk the tensor in memory order (outer index, then
 * channel, then inner) instead of channel by channel, which for a channels-last layout such as
 * {@code (T, N, C)} would stride through the whole tensor once per channel.
 *
 * <p>Per-channel sums are taken in double over fixed blocks of {@value #BLOCK} outer positions
 * and the block sums added in block order, so results do not depend on the number of threads.
 * {@link Norm} keeps the plain channel-by-channel loops as the reference; tests set
 * {@link #useReference} to compare the two.
 */
final class BatchNormKernels {
    /** Outer positions per partial sum. */
    static final int BLOCK = 64;
    /** When true, {@link Norm} runs its plain channel-by-channel reference loops (tests only). */
    static volatile boolean useReference = false;

    private BatchNormKernels() {}

    /** Sums of one block of outer positions {@code [oLo, oHi)} into {@code acc}. */
    @FunctionalInterface
    private interface BlockSum {
        void sum(int oLo, int oHi, double[] acc);
    }

    private static double[] reduceBlocks(int outer, int width, BlockSum body) {
        int blocks = (outer + BLOCK - 1) / BLOCK;
        double[][] partial = new double[blocks][];
        Parallel.range(blocks, 1, (lo, hi) -> {
            for (int b = lo; b < hi; b++) {
                double[] acc = new double[width];
                body.sum(b * BLOCK, Math.min(outer, (b + 1) * BLOCK), acc);
                partial[b] = acc;
            }
        });
        double[] total = new double[width];
        for (double[] p : partial) {
            for (int c = 0; c < width; c++) total[c] += p[c];
        }
        return total;
    }

    private static double weight(float[] w, int position) {
        return w == null ? 1.0 : w[position];
    }

    /** Weighted per-channel sums {@code sum w x} (shift 0) or {@code sum w (x - shift[c])^2}. */
    static double[] weightedSums(float[] xd, int xo, ChannelLayout l, float[] w, double[] shift) {
        int ch = l.channels();
        int in = l.inner();
        return reduceBlocks(l.outer(), ch, (oLo, oHi, acc) -> {
            for (int o = oLo; o < oHi; o++) {
                for (int c = 0; c < ch; c++) {
                    int base = xo + (o * ch + c) * in;
                    double m = shift == null ? 0 : shift[c];
                    double s = 0;
                    for (int i = 0; i < in; i++) {
                        double d = xd[base + i] - m;
                        s += weight(w, o * in + i) * (shift == null ? d : d * d);
                    }
                    acc[c] += s;
                }
            }
        });
    }

    /** {@code xhat = (x - mean) invstd}, {@code y = gamma xhat + beta}, in memory order. */
    static void normalize(float[] xd, int xo, ChannelLayout l, float[] mean, float[] invstd, float[] gamma, float[] beta,
                          float[] hd, float[] yd) {
        int ch = l.channels();
        int in = l.inner();
        Parallel.range(l.outer(), Math.max(1, 16384 / Math.max(1, ch * in)), (lo, hi) -> {
            for (int o = lo; o < hi; o++) {
                if (in == 1) {
                    normalizeRow(xd, xo + o * ch, mean, invstd, gamma, beta, hd, yd, o * ch, ch);
                    continue;
                }
                for (int c = 0; c < ch; c++) {
                    int at = (o * ch + c) * in;
                    float m = mean[c];
                    float s = invstd[c];
                    for (int i = 0; i < in; i++) {
                        float h = (xd[xo + at + i] - m) * s;
                        if (hd != null) hd[at + i] = h;
                        yd[at + i] = gamma[c] * h + beta[c];
                    }
                }
            }
        });
    }

    /** One channels-last row of {@code ch} values: the same arithmetic as the general loop, vectorisable. */
    private static void normalizeRow(float[] xd, int xAt, float[] mean, float[] invstd, float[] gamma, float[] beta,
                                     float[] hd, float[] yd, int at, int ch) {
        if (hd == null) {
            for (int c = 0; c < ch; c++) yd[at + c] = gamma[c] * ((xd[xAt + c] - mean[c]) * invstd[c]) + beta[c];
            return;
        }
        for (int c = 0; c < ch; c++) {
            float h = (xd[xAt + c] - mean[c]) * invstd[c];
            hd[at + c] = h;
            yd[at + c] = gamma[c] * h + beta[c];
        }
    }

    /** Per-channel {@code sum g} (first C values) and {@code sum g xhat} (next C values). */
    static double[] gradientSums(float[] gd, int go, float[] hd, ChannelLayout l) {
        int ch = l.channels();
        int in = l.inner();
        return reduceBlocks(l.outer(), 2 * ch, (oLo, oHi, acc) -> {
            for (int o = oLo; o < oHi; o++) {
                for (int c = 0; c < ch; c++) {
                    int at = (o * ch + c) * in;
                    double sg = 0;
                    double sgh = 0;
                    for (int i = 0; i < in; i++) {
                        float g = gd[go + at + i];
                        sg += g;
                        sgh += g * hd[at + i];
                    }
                    acc[c] += sg;
                    acc[ch + c] += sgh;
                }
            }
        });
    }

    /** {@code dx = scale[c] (g - w (mg[c] + xhat mgh[c]))}, in memory order. */
    static void inputGradient(float[] gd, int go, float[] hd, ChannelLayout l, float[] w, float[] scale, double[] mg,
                              double[] mgh, float[] gxd) {
        int ch = l.channels();
        int in = l.inner();
        Parallel.range(l.outer(), Math.max(1, 16384 / Math.max(1, ch * in)), (lo, hi) -> {
            for (int o = lo; o < hi; o++) {
                for (int c = 0; c < ch; c++) {
                    int at = (o * ch + c) * in;
                    for (int i = 0; i < in; i++) {
                        double wt = weight(w, o * in + i);
                        gxd[at + i] = (float) (scale[c] * (gd[go + at + i] - wt * (mg[c] + hd[at + i] * mgh[c])));
                    }
                }
            }
        });
    }
}
