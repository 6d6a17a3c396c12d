package org.elman.backend.cpu;

import java.lang.System.Logger.Level;
import org.elman.backend.Backend;
import org.elman.backend.BinaryOp;
import org.elman.backend.UnaryOp;

/**
 * The CPU backend: GEMM through OpenBLAS when its native library loads (pure Java otherwise, or
 * when {@code -Delman.blas=java}), elementwise and reduction kernels in Java split over cores.
 * Large GEMMs are split into row (or column) blocks of C, one single-threaded GEMM per core; a
 * GEMM called from inside a parallel region (e.g. one direction of a bidirectional layer) runs on
 * its caller's thread.
 */
public final class CpuBackend implements Backend {
    private static final System.Logger LOG = System.getLogger("org.elman.backend");
    private static final int GRAIN = 1 << 15;
    /** Products smaller than this many multiply-adds run on the calling thread. */
    private static final long PARALLEL_GEMM_WORK = 1L << 21;
    private final Gemm gemm;

    private CpuBackend(Gemm gemm) {
        this.gemm = gemm;
    }

    /** The CPU backend with the best GEMM that loads here; logs which one is active. */
    public static CpuBackend create() {
        Gemm g = chooseGemm();
        LOG.log(Level.INFO, "Elman CPU backend: GEMM via {0}{1}, {2} threads", g.name(), g.detail(), Parallel.threads());
        return new CpuBackend(g);
    }

    /** The CPU backend forced onto the pure-Java GEMM (the reference). */
    public static CpuBackend javaOnly() {
        return new CpuBackend(new JavaGemm());
    }

    private static Gemm chooseGemm() {
        if ("java".equalsIgnoreCase(System.getProperty("elman.blas"))) return new JavaGemm();
        try {
            return new OpenBlasGemm();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "OpenBLAS unavailable ({0}); using the pure-Java GEMM", t.toString());
            return new JavaGemm();
        }
    }

    @Override
    public String name() {
        return "cpu/" + gemm.name();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        int parts = Parallel.threads();
        if ((long) m * n * k < PARALLEL_GEMM_WORK || parts == 1) {
            gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (m >= n) {
            // rows of C: row i of op(A) starts at column i of A when transposed
            Parallel.range(m, (m + parts - 1) / parts, (lo, hi) -> gemm.sgemm(transA, transB, hi - lo, n, k, alpha,
                    a, aOff + (transA ? lo : lo * lda), lda, b, bOff, ldb, beta, c, cOff + lo * ldc, ldc));
        } else {
            Parallel.range(n, (n + parts - 1) / parts, (lo, hi) -> gemm.sgemm(transA, transB, m, hi - lo, k, alpha,
                    a, aOff, lda, b, bOff + (transB ? lo * ldb : lo), ldb, beta, c, cOff + lo, ldc));
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int n) {
        Parallel.range(n, GRAIN, (lo, hi) -> Kernels.unary(op, x, xOff + lo, y, yOff + lo, hi - lo));
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        Parallel.range(n, GRAIN, (lo, hi) -> Kernels.binary(op, a, aOff + lo, b, bOff + lo, y, yOff + lo, hi - lo));
    }

    @Override
    public void binaryStrided(BinaryOp op, int[] shape, float[] a, int aOff, int[] aStrides,
                              float[] b, int bOff, int[] bStrides, float[] y) {
        int rank = shape.length;
        if (rank == 0) {
            y[0] = op.apply(a[aOff], b[bOff]);
            return;
        }
        int inner = shape[rank - 1];
        int rows = y.length / Math.max(1, inner);
        int as = aStrides[rank - 1];
        int bs = bStrides[rank - 1];
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, inner)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int ao = aOff;
                int bo = bOff;
                int rem = r;
                for (int d = rank - 2; d >= 0; d--) {
                    int i = rem % shape[d];
                    rem /= shape[d];
                    ao += i * aStrides[d];
                    bo += i * bStrides[d];
                }
                Kernels.binaryStrided(op, a, ao, as, b, bo, bs, y, r * inner, inner);
            }
        });
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Parallel.range(n, GRAIN, (lo, hi) -> {
            if (xOff == yOff) {
                // one index for both arrays: vectorised (see Kernels.unaryAligned)
                for (int i = xOff + lo; i < xOff + hi; i++) y[i] += alpha * x[i];
            } else {
                for (int i = lo; i < hi; i++) y[yOff + i] += alpha * x[xOff + i];
            }
        });
    }

    @Override
    public double sum(float[] x, int off, int n) {
        int parts = Math.min(Parallel.cores(), Math.max(1, n / GRAIN));
        if (parts <= 1) return Kernels.sum(x, off, n);
        double[] partial = new double[parts];
        Parallel.range(parts, 1, (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                int from = (int) ((long) n * p / parts);
                int to = (int) ((long) n * (p + 1) / parts);
                partial[p] = Kernels.sum(x, off + from, to - from);
            }
        });
        double s = 0;
        for (double v : partial) s += v; // in part order: the same result every run on the same cores
        return s;
    }

    @Override
    public void reduceAxis(ReduceOp op, float[] x, int xOff, int outer, int len, int inner, float[] y, int yOff) {
        Parallel.range(outer, Math.max(1, GRAIN / Math.max(1, len * inner)), (lo, hi) -> {
            for (int o = lo; o < hi; o++) Kernels.reduceAxis(op, x, xOff + o * len * inner, len, inner, y, yOff + o * inner);
        });
    }

    @Override
    public void gatherRows(float[] src, int srcOff, int rowLen, int[] idx, float[] dst, int dstOff) {
        Parallel.range(idx.length, Math.max(1, GRAIN / Math.max(1, rowLen)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) System.arraycopy(src, srcOff + idx[r] * rowLen, dst, dstOff + r * rowLen, rowLen);
        });
    }

    @Override
    public void scatterAddRows(float[] src, int srcOff, int rowLen, int[] idx, float[] dst, int dstOff) {
        for (int r = 0; r < idx.length; r++) {
            int so = srcOff + r * rowLen;
            int d = dstOff + idx[r] * rowLen;
            for (int j = 0; j < rowLen; j++) dst[d + j] += src[so + j];
        }
    }
}
