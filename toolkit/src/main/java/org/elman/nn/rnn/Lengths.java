package org.elman.nn.rnn;

import org.elman.ops.Reshape;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Helpers for variable-length time-major batches: validation of {@code lengths}, step masks, and
 * the index map that reverses each sequence within its own length (for the backward direction of
 * a bidirectional layer).
 */
public final class Lengths {
    private Lengths() {}

    /**
     * Validates {@code lengths} for a {@code (T, N, ...)} batch and returns a copy, or all T when
     * null.
     */
    public static int[] resolve(int[] lengths, int t, int n) {
        int[] out = new int[n];
        if (lengths == null) {
            java.util.Arrays.fill(out, t);
            return out;
        }
        if (lengths.length != n) {
            throw new IllegalArgumentException("lengths has " + lengths.length + " entries for a batch of " + n);
        }
        for (int i = 0; i < n; i++) {
            if (lengths[i] < 0 || lengths[i] > t) {
                throw new IllegalArgumentException("lengths[" + i + "] = " + lengths[i] + " is outside [0, " + t + "]");
            }
            out[i] = lengths[i];
        }
        return out;
    }

    /** True when every sequence is valid at step {@code t}. */
    public static boolean allValid(int[] lengths, int t) {
        for (int len : lengths) if (t >= len) return false;
        return true;
    }

    /** The {@code (N, 1)} mask of step {@code t}: 1 where {@code t < lengths[n]}, else 0. */
    public static Tensor stepMask(int[] lengths, int t) {
        float[] m = new float[lengths.length];
        for (int i = 0; i < m.length; i++) m[i] = t < lengths[i] ? 1f : 0f;
        return Tensor.of(m, m.length, 1);
    }

    /**
     * Row map over the flattened {@code (T * N)} rows that reverses each sequence within its own
     * length: row {@code (t, n)} maps to {@code (len[n] - 1 - t, n)} for {@code t < len[n]} and to
     * itself for padded steps. The map is its own inverse.
     */
    public static int[] reverseIndex(int[] lengths, int t) {
        int n = lengths.length;
        int[] idx = new int[t * n];
        for (int s = 0; s < t; s++) {
            for (int b = 0; b < n; b++) {
                idx[s * n + b] = (s < lengths[b] ? lengths[b] - 1 - s : s) * n + b;
            }
        }
        return idx;
    }

    /** {@code x (T, N, ...)} with each sequence reversed within its length; differentiable. */
    public static Tensor reverse(Tensor x, int[] lengths) {
        int[] s = x.shape();
        int rowLen = Shapes.prod(s, 2, s.length);
        Tensor flat = Reshape.reshape(x, s[0] * s[1], rowLen);
        return Reshape.reshape(Reshape.indexSelect(flat, reverseIndex(lengths, s[0])), s);
    }

    /** Throws unless {@code x} is {@code (T, N, features)}. */
    public static void checkSequence(String who, Tensor x, int features) {
        if (x.dim() != 3 || x.size(2) != features) {
            throw new IllegalArgumentException(who + ": input must be (T, N, " + features + "), got " + Shapes.str(x.shape()));
        }
    }

    /** Throws unless {@code s} is {@code (n, h)}; {@code what} names the state part. */
    public static void checkState(String who, String what, Tensor s, int n, int h) {
        if (s.dim() != 2 || s.size(0) != n || s.size(1) != h) {
            throw new IllegalArgumentException(who + ": initial " + what + " must be (" + n + ", " + h + "), got " + Shapes.str(s.shape()));
        }
    }
}
