package org.elman.audio.feature;

/**
 * Delta (time-derivative) features as Kaldi's {@code add-deltas}: the output of order {@code k} is
 * the regression {@code d_t = sum_{n=1..W} n (c_{t+n} - c_{t-n}) / (2 sum n^2)} applied to the order
 * {@code k-1} output, realised as one filter per order; frames beyond the edges repeat the first or
 * last frame. Output frame t is {@code [c_t, d_t, dd_t, ...]}, {@code dim * (order + 1)} values.
 */
public final class Deltas {
    private Deltas() {
    }

    /** Appends deltas up to {@code order} (usually 2) with regression half-width {@code window} (usually 2). */
    public static FeatureMatrix compute(FeatureMatrix in, int order, int window) {
        if (order < 0 || window < 1) {
            throw new IllegalArgumentException("delta order must be >= 0 and window >= 1, got " + order + ", " + window);
        }
        double[][] filters = filters(order, window);
        int t = in.numFrames(), d = in.dim(), outDim = d * (order + 1);
        float[] out = new float[t * outDim];
        for (int k = 0; k <= order; k++) {
            double[] f = filters[k];
            int half = (f.length - 1) / 2;
            for (int i = 0; i < t; i++) {
                for (int c = 0; c < d; c++) {
                    double acc = 0;
                    for (int j = -half; j <= half; j++) {
                        int src = Math.max(0, Math.min(t - 1, i + j));
                        acc += f[j + half] * in.data()[src * d + c];
                    }
                    out[i * outDim + k * d + c] = (float) acc;
                }
            }
        }
        return new FeatureMatrix(out, t, outDim);
    }

    /** The filter of each order: order 0 is [1], order k convolves order k-1 with the regression kernel. */
    static double[][] filters(int order, int window) {
        double[][] f = new double[order + 1][];
        f[0] = new double[] {1.0};
        double norm = 0;
        for (int n = 1; n <= window; n++) norm += 2.0 * n * n;
        for (int k = 1; k <= order; k++) {
            double[] prev = f[k - 1];
            int prevHalf = (prev.length - 1) / 2, half = prevHalf + window;
            double[] cur = new double[2 * half + 1];
            for (int j = -window; j <= window; j++) {
                for (int p = -prevHalf; p <= prevHalf; p++) cur[j + p + half] += j * prev[p + prevHalf] / norm;
            }
            f[k] = cur;
        }
        return f;
    }
}
