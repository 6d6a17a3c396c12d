package org.elman.audio.feature;

/**
 * Delta (time-derivative) features as Kaldi's {@code add-deltas}: the output of order {@code k} is
 * the regression {@code d_t = sum_{n=1..W} n (c_{t+n} - c_{t-n}) / (2 sum n^2)} applied to the order
 * {@code k-1} output, realised as one filter per order; frames beyond the edges repeat the first or
 * last frame. Output frame t is {@code [c_t, d_t, dd_t, ...]}, {@code dim * (order + 1)} values.
 * This is {@link OnlineDeltas} run once over the whole matrix.
 */
public final class Deltas {
    private Deltas() {
    }

    /** Appends deltas up to {@code order} (usually 2) with regression half-width {@code window} (usually 2). */
    public static FeatureMatrix compute(FeatureMatrix in, int order, int window) {
        OnlineDeltas d = new OnlineDeltas(in.dim(), order, window);
        d.accept(in.data(), 0, in.numFrames());
        d.inputFinished();
        return d.frames(0, d.numFramesReady());
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
