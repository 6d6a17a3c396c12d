package org.elman.backend.cpu;

import org.elman.backend.Backend.ReduceOp;
import org.elman.backend.BinaryOp;
import org.elman.backend.UnaryOp;

/** Single-threaded loops behind {@link CpuBackend}; written as plain loops the JIT vectorises. */
final class Kernels {
    private Kernels() {}

    static void unary(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
        if (xo == yo) {
            unaryAligned(op, x, y, xo, xo + n);
            return;
        }
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) y[yo + i] = -x[xo + i]; break;
            case RELU: for (int i = 0; i < n; i++) y[yo + i] = Math.max(x[xo + i], 0f); break;
            case SQUARE: for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] * x[xo + i]; break;
            case ABS: for (int i = 0; i < n; i++) y[yo + i] = Math.abs(x[xo + i]); break;
            // rational tanh, relative error below 4e-7 against UnaryOp.TANH (tested); vectorises
            case TANH: for (int i = 0; i < n; i++) y[yo + i] = RnnKernels.tanh(x[xo + i]); break;
            default: for (int i = 0; i < n; i++) y[yo + i] = op.apply(x[xo + i]);
        }
    }

    static void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
        if (ao == bo && bo == yo) {
            binaryAligned(op, a, b, y, ao, ao + n);
            return;
        }
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) y[yo + i] = a[ao + i] + b[bo + i]; break;
            case SUB: for (int i = 0; i < n; i++) y[yo + i] = a[ao + i] - b[bo + i]; break;
            case MUL: for (int i = 0; i < n; i++) y[yo + i] = a[ao + i] * b[bo + i]; break;
            case DIV: for (int i = 0; i < n; i++) y[yo + i] = a[ao + i] / b[bo + i]; break;
            default: for (int i = 0; i < n; i++) y[yo + i] = op.apply(a[ao + i], b[bo + i]);
        }
    }

    /**
     * {@link #unary} when input and output start at the same offset: indexing every array by the
     * same {@code i} lets C2 (JDK 17) vectorise the loop, which it does not do for arrays indexed
     * with different offsets (about 10x slower measured for tanh).
     */
    private static void unaryAligned(UnaryOp op, float[] x, float[] y, int from, int to) {
        switch (op) {
            case NEG: for (int i = from; i < to; i++) y[i] = -x[i]; break;
            case RELU: for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0f); break;
            case SQUARE: for (int i = from; i < to; i++) y[i] = x[i] * x[i]; break;
            case ABS: for (int i = from; i < to; i++) y[i] = Math.abs(x[i]); break;
            case TANH: for (int i = from; i < to; i++) y[i] = RnnKernels.tanh(x[i]); break;
            default: for (int i = from; i < to; i++) y[i] = op.apply(x[i]);
        }
    }

    /** {@link #binary} when all three arrays start at the same offset (vectorised; see {@link #unaryAligned}). */
    private static void binaryAligned(BinaryOp op, float[] a, float[] b, float[] y, int from, int to) {
        switch (op) {
            case ADD: for (int i = from; i < to; i++) y[i] = a[i] + b[i]; break;
            case SUB: for (int i = from; i < to; i++) y[i] = a[i] - b[i]; break;
            case MUL: for (int i = from; i < to; i++) y[i] = a[i] * b[i]; break;
            case DIV: for (int i = from; i < to; i++) y[i] = a[i] / b[i]; break;
            default: for (int i = from; i < to; i++) y[i] = op.apply(a[i], b[i]);
        }
    }

    static void binaryStrided(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int n) {
        if (as == 1 && bs == 1) {
            binary(op, a, ao, b, bo, y, yo, n);
            return;
        }
        for (int i = 0; i < n; i++) y[yo + i] = op.apply(a[ao + i * as], b[bo + i * bs]);
    }

    /**
     * The sum of {@code x[off .. off+n)} in double precision, over eight running sums (one per
     * index modulo 8) added pairwise at the end: eight independent additions per round instead
     * of one chain, 0.29 against 0.65 ms for 1.2 M floats (throwaway probe, one core of our AVX-512
     * VM; C2 does not vectorise a floating-point reduction, as that would reorder it).
     */
    static double sum(float[] x, int off, int n) {
        double a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0;
        int i = off;
        int end = off + n;
        for (; i + 7 < end; i += 8) {
            a += x[i];
            b += x[i + 1];
            c += x[i + 2];
            d += x[i + 3];
            e += x[i + 4];
            f += x[i + 5];
            g += x[i + 6];
            h += x[i + 7];
        }
        for (; i < end; i++) a += x[i];
        return ((a + b) + (c + d)) + ((e + f) + (g + h));
    }

    static void reduceAxis(ReduceOp op, float[] x, int xo, int len, int inner, float[] y, int yo) {
        if (inner == 1) {
            y[yo] = reduceContiguous(op, x, xo, len);
            return;
        }
        float init = op == ReduceOp.SUM ? 0f : op == ReduceOp.MAX ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        for (int i = 0; i < inner; i++) y[yo + i] = init;
        for (int j = 0; j < len; j++) {
            int base = xo + j * inner;
            switch (op) {
                case SUM: for (int i = 0; i < inner; i++) y[yo + i] += x[base + i]; break;
                case MAX: for (int i = 0; i < inner; i++) y[yo + i] = Math.max(y[yo + i], x[base + i]); break;
                default: for (int i = 0; i < inner; i++) y[yo + i] = Math.min(y[yo + i], x[base + i]);
            }
        }
    }

    private static float reduceContiguous(ReduceOp op, float[] x, int xo, int len) {
        if (op == ReduceOp.SUM) {
            double s = 0;
            for (int j = 0; j < len; j++) s += x[xo + j];
            return (float) s;
        }
        float r = op == ReduceOp.MAX ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        for (int j = 0; j < len; j++) r = op == ReduceOp.MAX ? Math.max(r, x[xo + j]) : Math.min(r, x[xo + j]);
        return r;
    }
}
