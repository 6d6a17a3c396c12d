package org.elman.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by tensors and ops: sizes, strides, broadcasting and checks. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements of a shape; throws on negative sizes or int overflow. */
    public static int numel(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative size in shape " + str(shape));
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape too large: " + str(shape));
        }
        return (int) n;
    }

    /** Row-major strides of a contiguous tensor with this shape. */
    public static int[] strides(int... shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The shape two operands broadcast to (numpy rules), or an error naming both shapes. */
    public static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + str(a) + " and " + str(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides for reading a tensor of shape {@code from} as if it had shape {@code to} (0 on broadcast dims). */
    public static int[] broadcastStrides(int[] from, int[] to) {
        int[] s = strides(from);
        int[] out = new int[to.length];
        int lead = to.length - from.length;
        for (int i = 0; i < to.length; i++) {
            if (i < lead) continue;
            out[i] = from[i - lead] == 1 ? 0 : s[i - lead];
        }
        return out;
    }

    /** Normalises a possibly negative axis against a rank. */
    public static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        return a;
    }

    /** Resolves one {@code -1} entry of a requested shape against an element count. */
    public static int[] infer(int numel, int... shape) {
        int[] out = shape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("only one -1 allowed in shape " + str(shape));
                unknown = i;
            } else {
                if (out[i] < 0) throw new IllegalArgumentException("negative size in shape " + str(shape));
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + numel + " elements to " + str(shape));
            }
            out[unknown] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("cannot reshape " + numel + " elements to " + str(shape));
        }
        return out;
    }

    /** Product of the sizes in {@code [from, to)}. */
    public static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }

    public static String str(int... shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /** Throws unless {@code actual} equals {@code expected}; {@code what} names the operand. */
    public static void require(String what, int[] actual, int... expected) {
        if (!Arrays.equals(actual, expected)) {
            throw new IllegalArgumentException(what + ": expected shape " + str(expected) + " but got " + str(actual));
        }
    }
}
