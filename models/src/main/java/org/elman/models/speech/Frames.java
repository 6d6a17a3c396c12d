package org.elman.models.speech;

import org.elman.ops.Reshape;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Differentiable frame gathering on time-major batches, used by the front ends: edge padding by
 * repeating a sequence's first and last valid frames, and frame stacking. All are one
 * {@link Reshape#indexSelect} over the {@code (T N, F)} rows, so gradients scatter back.
 */
public final class Frames {
    private Frames() {
    }

    /** Validates {@code (T, N, F)} input and lengths (null means all T) and returns the lengths. */
    public static int[] checkBatch(String who, Tensor x, int[] lengths, int featureDim) {
        if (x == null || x.dim() != 3) {
            throw new IllegalArgumentException(who + " expects (T, N, F) features, got " + (x == null ? "null" : Shapes.str(x.shape())));
        }
        if (x.size(2) != featureDim) {
            throw new IllegalArgumentException(who + " expects F = " + featureDim + " features, got " + Shapes.str(x.shape()));
        }
        int t = x.size(0);
        int n = x.size(1);
        if (lengths == null) {
            if (t == 0) throw new IllegalArgumentException(who + " got an empty input (T = 0)");
            int[] all = new int[n];
            java.util.Arrays.fill(all, t);
            return all;
        }
        if (lengths.length != n) throw new IllegalArgumentException(who + ": " + lengths.length + " lengths for a batch of " + n);
        for (int i = 0; i < n; i++) {
            if (lengths[i] < 1 || lengths[i] > t) {
                throw new IllegalArgumentException(who + ": length " + lengths[i] + " of sequence " + i + " outside [1, " + t + "]");
            }
        }
        return lengths.clone();
    }

    /**
     * Pads each sequence by {@code left} copies of its first frame and, after its own last valid
     * frame, copies of that last frame up to {@code left + T + right} frames:
     * {@code y[t, n] = x[clamp(t - left, 0, len_n - 1), n]}. Shape {@code (left + T + right, N, F)}.
     */
    public static Tensor padEdges(Tensor x, int[] lengths, int left, int right) {
        int t = x.size(0);
        int n = x.size(1);
        int outT = left + t + right;
        int[] idx = new int[outT * n];
        for (int j = 0; j < outT; j++) {
            for (int b = 0; b < n; b++) {
                int src = Math.max(0, Math.min(j - left, lengths[b] - 1));
                idx[j * n + b] = src * n + b;
            }
        }
        return rows(x, idx, outT, n, x.size(2));
    }

    /**
     * Stacks k consecutive frames with stride k: {@code y[j, n] = [x[jk, n]; ...; x[jk + k - 1, n]]},
     * frames past a sequence's length read as its last valid frame. Shape
     * {@code (ceil(T / k), N, k F)}; sequence n keeps {@code ceil(len_n / k)} frames.
     */
    public static Tensor stack(Tensor x, int[] lengths, int k) {
        int t = x.size(0);
        int n = x.size(1);
        int outT = (t + k - 1) / k;
        int[] idx = new int[outT * n * k];
        for (int j = 0; j < outT; j++) {
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < k; i++) {
                    int src = Math.min(j * k + i, lengths[b] - 1);
                    idx[(j * n + b) * k + i] = src * n + b;
                }
            }
        }
        return rows(x, idx, outT, n, k * x.size(2));
    }

    private static Tensor rows(Tensor x, int[] idx, int outT, int n, int outF) {
        Tensor flat = Reshape.reshape(x, x.size(0) * x.size(1), x.size(2));
        return Reshape.reshape(Reshape.indexSelect(flat, idx), outT, n, outF);
    }

    /** A {@code (T, N)} mask: 1 where {@code t < lengths[n]}, else 0. */
    public static Tensor mask(int t, int[] lengths) {
        int n = lengths.length;
        float[] m = new float[t * n];
        for (int j = 0; j < t; j++) {
            for (int b = 0; b < n; b++) m[j * n + b] = j < lengths[b] ? 1f : 0f;
        }
        return Tensor.of(m, t, n);
    }

    /** Concatenates along time, skipping empty pieces; {@code (0, N, F)} when all are empty. */
    public static Tensor concatTime(Tensor a, Tensor b) {
        if (a == null || a.size(0) == 0) return b;
        if (b == null || b.size(0) == 0) return a;
        return Reshape.concat(0, a, b);
    }

    /** Frames {@code [from, from + count)} as a copy. */
    public static Tensor slice(Tensor x, int from, int count) {
        return Reshape.narrow(x, 0, from, count);
    }

    /** {@code count} copies of frame {@code t}. */
    public static Tensor repeat(Tensor x, int t, int count) {
        int n = x.size(1);
        int[] idx = new int[count * n];
        for (int j = 0; j < count; j++) {
            for (int b = 0; b < n; b++) idx[j * n + b] = t * n + b;
        }
        return rows(x, idx, count, n, x.size(2));
    }
}
