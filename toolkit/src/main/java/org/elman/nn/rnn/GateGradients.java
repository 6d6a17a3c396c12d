package org.elman.nn.rnn;

import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.elman.tensor.Tensor;

/**
 * The parameter and input gradients that every fused recurrent layer computes the same way once
 * its BPTT has produced the gate gradients {@code dG (rows, G)} for all {@code rows = T * N}
 * steps: one GEMM each, no per-step work.
 */
final class GateGradients {
    private GateGradients() {}

    /** {@code dX = dG W}: the input gradient {@code (T, N, F)} for a weight {@code W (G, F)}. */
    static Tensor input(float[] dG, int g, Tensor w, int t, int n) {
        int f = w.size(1);
        Tensor dx = Tensor.zeros(t, n, f);
        Backends.current().gemm(false, false, t * n, f, g, 1f, dG, 0, g, w.data(), w.offset(), f, 0f, dx.data(), 0, f);
        return dx;
    }

    /** {@code dW = dG^T A}: the gradient {@code (G, K)} of a weight applied to the rows of {@code A (rows, K)}. */
    static Tensor weight(float[] dG, int g, float[] a, int aOff, int k, int rows) {
        Tensor dw = Tensor.zeros(g, k);
        Backends.current().gemm(true, false, g, k, rows, 1f, dG, 0, g, a, aOff, k, 0f, dw.data(), 0, k);
        return dw;
    }

    /** The bias gradient: column sums of {@code dG (rows, G)}. */
    static Tensor bias(float[] dG, int g, int rows) {
        Tensor db = Tensor.zeros(g);
        Backends.current().reduceAxis(Backend.ReduceOp.SUM, dG, 0, 1, rows, g, db.data(), 0);
        return db;
    }

    /**
     * The gradient reaching row b's hidden state at a step: {@code dh[b*H ..]} plus, when {@code dy}
     * is not null, the output's gradient at {@code dy[cur ..]} (cur: the row's offset in {@code (T,
     * N, H)}), into {@code out (H)}.
     */
    static void hiddenTotal(float[] dh, int b, int hid, Tensor dy, int cur, float[] out) {
        System.arraycopy(dh, b * hid, out, 0, hid);
        if (dy == null) return;
        float[] d = dy.data();
        int o = dy.offset() + cur;
        for (int j = 0; j < hid; j++) out[j] += d[o + j];
    }
}
