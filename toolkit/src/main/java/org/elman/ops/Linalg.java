package org.elman.ops;

import org.elman.autograd.Graph;
import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/** Differentiable matrix products, all one GEMM per product. */
public final class Linalg {
    private Linalg() {}

    /**
     * Matrix product. {@code (M, K) x (K, N) -> (M, N)}; {@code (B, M, K) x (B, K, N) -> (B, M, N)};
     * and {@code (..., K) x (K, N) -> (..., N)} with the leading axes flattened into rows.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 3 && b.dim() == 3) return bmm(a, b);
        if (a.dim() < 1 || b.dim() != 2) {
            throw new IllegalArgumentException("matmul: unsupported shapes " + Shapes.str(a.shape()) + " x " + Shapes.str(b.shape()));
        }
        int k = a.size(-1);
        if (b.size(0) != k) {
            throw new IllegalArgumentException("matmul: inner sizes differ, " + Shapes.str(a.shape()) + " x " + Shapes.str(b.shape()));
        }
        int m = a.numel() / Math.max(1, k);
        int n = b.size(1);
        int[] outShape = a.shape();
        outShape[outShape.length - 1] = n;
        Tensor out = Tensor.zeros(outShape);
        gemm(false, false, m, n, k, a, b, out, 0f);
        return Graph.record1("matmul", out, g -> {
            Tensor ga = null;
            Tensor gb = null;
            if (a.requiresGrad()) {
                ga = Tensor.zeros(a.shape());
                gemm(false, true, m, k, n, g[0], b, ga, 0f);
            }
            if (b.requiresGrad()) {
                gb = Tensor.zeros(b.shape());
                gemm(true, false, k, n, m, a, g[0], gb, 0f);
            }
            return new Tensor[] {ga, gb};
        }, a, b);
    }

    /**
     * {@code x W^T + bias} for {@code x (..., in)}, {@code W (out, in)}, {@code bias (out)} or null:
     * the fully-connected layer as one GEMM.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        int in = w.size(1);
        int outF = w.size(0);
        if (x.size(-1) != in) {
            throw new IllegalArgumentException("linear: input " + Shapes.str(x.shape()) + " has " + x.size(-1)
                    + " features, weight " + Shapes.str(w.shape()) + " expects " + in);
        }
        if (bias != null) Shapes.require("linear bias", bias.shape(), outF);
        int rows = x.numel() / Math.max(1, in);
        int[] shape = x.shape();
        shape[shape.length - 1] = outF;
        Tensor out = Tensor.zeros(shape);
        if (bias != null) broadcastRows(bias, out, rows, outF);
        gemm(false, true, rows, outF, in, x, w, out, bias == null ? 0f : 1f);
        Tensor[] inputs = bias == null ? new Tensor[] {x, w} : new Tensor[] {x, w, bias};
        Graph.record("linear", inputs, new Tensor[] {out}, g -> {
            Tensor gx = null;
            Tensor gw = null;
            if (x.requiresGrad()) {
                gx = Tensor.zeros(x.shape());
                gemm(false, false, rows, in, outF, g[0], w, gx, 0f);
            }
            if (w.requiresGrad()) {
                gw = Tensor.zeros(w.shape());
                gemm(true, false, outF, in, rows, g[0], x, gw, 0f);
            }
            if (bias == null) return new Tensor[] {gx, gw};
            return new Tensor[] {gx, gw, Reduce.sumRows(g[0], rows, outF)};
        });
        return out;
    }

    /** Batched product {@code (B, M, K) x (B, K, N) -> (B, M, N)}. */
    public static Tensor bmm(Tensor a, Tensor b) {
        int batch = a.size(0);
        int m = a.size(1);
        int k = a.size(2);
        int n = b.size(2);
        if (b.size(0) != batch || b.size(1) != k) {
            throw new IllegalArgumentException("bmm: shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()) + " do not match");
        }
        Tensor out = Tensor.zeros(batch, m, n);
        Backend be = Backends.current();
        for (int i = 0; i < batch; i++) {
            be.gemm(false, false, m, n, k, 1f, a.data(), a.offset() + i * m * k, k,
                    b.data(), b.offset() + i * k * n, n, 0f, out.data(), i * m * n, n);
        }
        return Graph.record1("bmm", out, g -> {
            Tensor ga = Tensor.zeros(a.shape());
            Tensor gb = Tensor.zeros(b.shape());
            Tensor go = g[0];
            for (int i = 0; i < batch; i++) {
                be.gemm(false, true, m, k, n, 1f, go.data(), go.offset() + i * m * n, n,
                        b.data(), b.offset() + i * k * n, n, 0f, ga.data(), i * m * k, k);
                be.gemm(true, false, k, n, m, 1f, a.data(), a.offset() + i * m * k, k,
                        go.data(), go.offset() + i * m * n, n, 0f, gb.data(), i * k * n, n);
            }
            return new Tensor[] {ga, gb};
        }, a, b);
    }

    /**
     * {@code c = op(a) op(b) + beta c} treating each operand as the row-major matrix of its stored
     * (untransposed) shape: a is m x k (or k x m when transA), b is k x n (or n x k when transB).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, Tensor a, Tensor b, Tensor c, float beta) {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        Backends.current().gemm(transA, transB, m, n, k, 1f, a.data(), a.offset(), lda,
                b.data(), b.offset(), ldb, beta, c.data(), c.offset(), n);
    }

    private static void broadcastRows(Tensor row, Tensor out, int rows, int cols) {
        float[] od = out.data();
        for (int r = 0; r < rows; r++) System.arraycopy(row.data(), row.offset(), od, out.offset() + r * cols, cols);
    }
}
