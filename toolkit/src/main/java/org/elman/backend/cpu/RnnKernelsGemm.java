package org.elman.backend.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.elman.backend.Backend;
import org.elman.backend.Backends;

/**
 * The recurrent product of an RNN step with a weight matrix that stays fixed over a sequence.
 * {@link org.elman.backend.Backend#gemm} stages both operands off-heap on every call; for the
 * per-step recurrent GEMM that would copy the whole weight matrix T times. {@link #stage} copies
 * it once; each step then only moves the small {@code (N, H)} operands. Falls back to the current
 * backend's GEMM when that is not OpenBLAS. Not thread-safe: one instance per running direction;
 * {@link #close()} frees the off-heap memory.
 */
public abstract class RnnKernelsGemm implements StepProducts {
    /** Rows and columns of the staged matrix W. */
    protected final int rows;
    protected final int cols;

    RnnKernelsGemm(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    /** Stages {@code W (rows, cols)}, row-major at {@code w[off..]}. */
    public static RnnKernelsGemm stage(float[] w, int off, int rows, int cols) {
        Backend be = Backends.current();
        if (offHeap()) return new Staged(w, off, rows, cols);
        return new Plain(be, w, off, rows, cols);
    }

    /** True when {@link #stage} keeps the weights off-heap for OpenBLAS (the current backend is CPU/OpenBLAS). */
    public static boolean offHeap() {
        return "cpu/openblas".equals(Backends.current().name());
    }

    /** {@code C (n, rows) = A (n, cols) W^T + beta C}. */
    public abstract void timesTransposed(int n, float[] a, int aOff, float beta, float[] c, int cOff);

    /** {@code C (n, cols) = A (n, rows) W + beta C}. */
    public abstract void times(int n, float[] a, int aOff, float beta, float[] c, int cOff);

    /** {@code y (rows) = W x (cols) + beta y}: the batch-1 form of {@link #timesTransposed}. */
    public void timesVector(float[] x, int xOff, float beta, float[] y, int yOff) {
        timesTransposed(1, x, xOff, beta, y, yOff);
    }

    /**
     * Another instance multiplying by the same staged W with its own buffers, so that several
     * threads can each use one at once (the parts of a batch, see {@code BatchParts}); close it
     * before this one.
     */
    public abstract RnnKernelsGemm share();

    @Override
    public void close() {}

    /** Through the backend's GEMM (pure Java or another backend). */
    private static final class Plain extends RnnKernelsGemm {
        private final Backend be;
        private final float[] w;
        private final int off;

        Plain(Backend be, float[] w, int off, int rows, int cols) {
            super(rows, cols);
            this.be = be;
            this.w = w;
            this.off = off;
        }

        @Override
        public void timesTransposed(int n, float[] a, int aOff, float beta, float[] c, int cOff) {
            be.gemm(false, true, n, rows, cols, 1f, a, aOff, cols, w, off, cols, beta, c, cOff, rows);
        }

        @Override
        public void times(int n, float[] a, int aOff, float beta, float[] c, int cOff) {
            be.gemm(false, false, n, cols, rows, 1f, a, aOff, rows, w, off, cols, beta, c, cOff, cols);
        }

        @Override
        public RnnKernelsGemm share() {
            return new Plain(be, w, off, rows, cols);
        }
    }

    /**
     * W kept off-heap for OpenBLAS; A and C staged per call through growable buffers. The products
     * move their W pointer's position, so each instance, shared ones too, has its own pointers.
     */
    private static final class Staged extends RnnKernelsGemm {
        private final FloatPointer w;
        private final BlockedWeights blocked; // when cols < SmallGemm.BLOCKED_BELOW, else null
        private final boolean owner;
        private final WeightCursors weights;
        private FloatPointer a = new FloatPointer(1024);
        private FloatPointer c = new FloatPointer(1024);

        Staged(float[] w, int off, int rows, int cols) {
            super(rows, cols);
            this.w = new FloatPointer((long) rows * cols);
            this.w.put(w, off, rows * cols);
            this.blocked = cols < SmallGemm.BLOCKED_BELOW ? new BlockedWeights(w, off, rows, cols) : null;
            this.owner = true;
            this.weights = new WeightCursors(this.w, blocked);
        }

        private Staged(Staged of) {
            super(of.rows, of.cols);
            this.w = of.w;
            this.blocked = of.blocked;
            this.owner = false;
            this.weights = new WeightCursors(w, blocked);
        }

        @Override
        public RnnKernelsGemm share() {
            return new Staged(this);
        }

        @Override
        public void timesTransposed(int n, float[] aArr, int aOff, float beta, float[] cArr, int cOff) {
            run(true, n, rows, cols, aArr, aOff, beta, cArr, cOff);
        }

        @Override
        public void times(int n, float[] aArr, int aOff, float beta, float[] cArr, int cOff) {
            run(false, n, cols, rows, aArr, aOff, beta, cArr, cOff);
        }

        /**
         * {@code C (m, nOut) = A (m, k) op(W) + beta C}, in {@link SmallGemm} blocks: for W of fewer
         * than {@link SmallGemm#BLOCKED_BELOW} columns (the hidden size of a recurrent weight) by
         * copies of W or W^T in column blocks ({@link SmallGemm#productBlocked}).
         */
        private void run(boolean transW, int m, int nOut, int k, float[] aArr, int aOff, float beta, float[] cArr, int cOff) {
            if (m == 0) return;
            int aLen = m * k;
            int cLen = m * nOut;
            if (a.capacity() < aLen) a = grow(a, aLen);
            if (c.capacity() < cLen) c = grow(c, cLen);
            a.position(0).put(aArr, aOff, aLen);
            if (beta != 0f) c.position(0).put(cArr, cOff, cLen);
            weights.product(transW, m, nOut, k, beta, a.position(0), c.position(0));
            c.position(0).get(cArr, cOff, cLen);
        }

        /** One OpenBLAS GEMV (single-threaded: the backend sets OpenBLAS to one thread). */
        @Override
        public void timesVector(float[] x, int xOff, float beta, float[] y, int yOff) {
            if (a.capacity() < cols) a = grow(a, cols);
            if (c.capacity() < rows) c = grow(c, rows);
            a.position(0).put(x, xOff, cols);
            if (beta != 0f) c.position(0).put(y, yOff, rows);
            openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    rows, cols, 1f, weights.plain(), cols, a, 1, beta, c, 1);
            c.position(0).get(y, yOff, rows);
        }

        private static FloatPointer grow(FloatPointer old, int n) {
            old.close();
            return new FloatPointer(n);
        }

        @Override
        public void close() {
            a.close();
            c.close();
            if (!owner) return;
            w.close();
            if (blocked != null) blocked.close();
        }
    }
}
