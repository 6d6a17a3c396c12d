package org.elman.backend.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.elman.backend.Backend;
import org.elman.backend.Backends;

/**
 * The LSTM backward pass's whole-sequence operands, held where the GEMMs read them: the gate
 * gradients {@code dG (rows, 4H)} (rows in real {@code (T, N)} order, gates {@code [i, f, g, o]})
 * and {@code h_{t-1}} of each row {@code (rows, H)}. The BPTT fills them row by row; {@link
 * LstmStepGemm#hiddenGradient(int, LstmGateGradients, int[], int, float[], int, int[], int,
 * float[], int)} reads dG in place; then one GEMM each gives {@code dW_hh = dG^T H_prev}, {@code
 * dW_ih = dG^T X} and {@code dX = dG W_ih}.
 *
 * <p>With OpenBLAS the operands live off-heap in this thread's reused {@link LstmScratch}, so dG
 * (20 MB for T*N = 4800, H = 256) is neither a fresh heap array nor staged again for each of the
 * three products; the products are split over the cores when called outside a parallel region.
 * Otherwise heap arrays and the current backend's GEMM. Every row must be written ({@link #put}
 * or {@link #zero}) before the products. Not thread-safe; {@link #close()} gives the scratch back.
 */
public final class LstmGateGradients implements AutoCloseable {
    /** Products smaller than this many multiply-adds run on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;
    private final int rows;
    private final int hid;
    private final int g4;
    private final Backend plain; // null when off-heap
    private final float[] dGArr;
    private final float[] hArr;
    private LstmScratch scratch;
    final FloatPointer dGPtr;
    final FloatBuffer dG;
    private final FloatBuffer hPrev;
    private final float[] zeros;

    /** Room for {@code rows} rows of a layer with {@code hid} hidden units. */
    public LstmGateGradients(int rows, int hid) {
        this.rows = rows;
        this.hid = hid;
        this.g4 = 4 * hid;
        this.zeros = new float[g4];
        if (RnnKernelsGemm.offHeap()) {
            plain = null;
            dGArr = null;
            hArr = null;
            scratch = LstmScratch.acquire();
            dGPtr = scratch.floats(LstmScratch.C, (long) rows * g4);
            dG = scratch.buffer(LstmScratch.C);
            scratch.floats(LstmScratch.A, (long) rows * hid);
            hPrev = scratch.buffer(LstmScratch.A);
        } else {
            plain = Backends.current();
            dGArr = new float[rows * g4];
            hArr = new float[rows * hid];
            dGPtr = null;
            dG = FloatBuffer.wrap(dGArr);
            hPrev = FloatBuffer.wrap(hArr);
        }
    }

    /** Row {@code row} of dG: {@code [di, df, dg, do]} read at {@code at} of the four step arrays. */
    public void put(int row, float[] di, float[] df, float[] dg, float[] dO, int at) {
        dG.limit(dG.capacity()).position(row * g4);
        dG.put(di, at, hid).put(df, at, hid).put(dg, at, hid).put(dO, at, hid);
    }

    /** Row {@code row} of dG and of {@code h_{t-1}} set to zero (a padded step). */
    public void zero(int row) {
        dG.limit(dG.capacity()).position(row * g4);
        dG.put(zeros, 0, g4);
        hPrev.clear().position(row * hid);
        hPrev.put(zeros, 0, hid);
    }

    /** Row {@code row} of {@code h_{t-1}} from {@code h[at .. at + H)}. */
    public void putHidden(int row, float[] h, int at) {
        hPrev.clear().position(row * hid);
        hPrev.put(h, at, hid);
    }

    /** All rows of {@code h_{t-1}} from {@code h[off ..]} (rows in order). */
    public void putHidden(float[] h, int off) {
        hPrev.clear();
        hPrev.put(h, off, rows * hid);
    }

    /** {@code dW_hh (4H, H) = dG^T H_prev} into {@code dw}. */
    public void hiddenWeightGradient(float[] dw) {
        if (plain != null) {
            plain.gemm(true, false, g4, hid, rows, 1f, dGArr, 0, g4, hArr, 0, hid, 0f, dw, 0, hid);
            return;
        }
        FloatPointer out = scratch.floats(LstmScratch.D, (long) g4 * hid);
        gemm(true, g4, hid, rows, dGPtr, g4, scratch.floats(LstmScratch.A, 0), hid, out);
        scratch.buffer(LstmScratch.D).get(dw, 0, g4 * hid);
    }

    /**
     * {@code dW_ih (4H, F) = dG^T X} into {@code dw} and, when {@code dx} is not null, {@code dX
     * (rows, F) = dG W_ih} into {@code dx}; {@code x} and {@code w} row-major from their offsets.
     * Reuses the room of {@code h_{t-1}}: call after {@link #hiddenWeightGradient}.
     */
    public void inputGradients(float[] x, int xOff, int f, float[] w, int wOff, float[] dw, float[] dx) {
        if (plain != null) {
            plain.gemm(true, false, g4, f, rows, 1f, dGArr, 0, g4, x, xOff, f, 0f, dw, 0, f);
            if (dx != null) plain.gemm(false, false, rows, f, g4, 1f, dGArr, 0, g4, w, wOff, f, 0f, dx, 0, f);
            return;
        }
        FloatPointer xs = scratch.floats(LstmScratch.A, (long) rows * f);
        scratch.buffer(LstmScratch.A).put(x, xOff, rows * f);
        FloatPointer out = scratch.floats(LstmScratch.D, (long) Math.max(g4, dx == null ? 0 : rows) * f);
        gemm(true, g4, f, rows, dGPtr, g4, xs, f, out);
        scratch.buffer(LstmScratch.D).get(dw, 0, g4 * f);
        if (dx == null) return;
        FloatPointer ws = scratch.floats(LstmScratch.W, (long) g4 * f);
        scratch.buffer(LstmScratch.W).put(w, wOff, g4 * f);
        gemm(false, rows, f, g4, dGPtr, g4, ws, f, out);
        scratch.buffer(LstmScratch.D).get(dx, 0, rows * f);
    }

    /**
     * {@code C (m, n) = op(A) B} with {@code op(A) = A^T} when {@code transA} (A stored (k, m)),
     * C compact; split into row blocks of C over the cores when large enough.
     */
    private static void gemm(boolean transA, int m, int n, int k, FloatPointer a, int lda, FloatPointer b, int ldb, FloatPointer c) {
        boolean split = (long) m * n * k >= PARALLEL_WORK && Parallel.threads() > 1;
        Parallel.range(m, split ? Math.max(1, m / Parallel.threads()) : m, (lo, hi) ->
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                        hi - lo, n, k, 1f, a.getPointer(transA ? lo : (long) lo * lda), lda, b, ldb, 0f,
                        c.getPointer((long) lo * n), n));
    }

    /** The gate gradients on the heap (without OpenBLAS), else null. */
    float[] heapGates() {
        return dGArr;
    }

    @Override
    public void close() {
        if (scratch != null) {
            scratch.release();
            scratch = null;
        }
    }
}
