package org.elman.backend.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.elman.backend.Backend;
import org.elman.backend.Backends;

/**
 * The LSTM backward pass's whole-sequence operands, held where the GEMMs read them: the gate
 * gradients {@code dG (rows, 4H)} (rows in real {@code (T, N)} order, gates {@code [i, f, g, o]})
 * and, side by side, each row's input and previous hidden state {@code [X | H_prev] (rows, F + H)}.
 * The BPTT fills dG and {@code H_prev} row by row; {@link LstmStepGemm#hiddenGradient(int,
 * LstmGateGradients, int[], int, float[], int, int[], int, float[], int)} reads dG in place; then
 * {@link #weightGradients} gives {@code [dW_ih | dW_hh] = dG^T [X | H_prev]} as one GEMM (measured
 * with the throwaway probe {@code BigSweep2}, one thread, rows = 4800, H = 256, F = 512: 118 and
 * 88 GFLOP/s in two runs, against 114/102 and 79/77 for the two products apart), and {@link
 * #inputGradient} {@code dX = dG W_ih}.
 *
 * <p>With OpenBLAS the operands live off-heap in this thread's reused {@link LstmScratch}, so dG
 * (20 MB for T*N = 4800, H = 256) is neither a fresh heap array nor staged again for each
 * product; the products are split over the cores when called outside a parallel region.
 * Otherwise heap arrays and the current backend's GEMM. Every row must be written ({@link #put}
 * or {@link #zero}) before the products. Threads may fill distinct rows concurrently (the row
 * writes use absolute indices); the products are not thread-safe. {@link #close()} gives the
 * scratch back.
 */
public final class LstmGateGradients implements AutoCloseable {
    /** Products smaller than this many multiply-adds run on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;
    private final int rows;
    private final int hid;
    private final int g4;
    private final int in;
    /** Row stride of {@code [X | H_prev]}: F + H. */
    private final int width;
    private final Backend plain; // null when off-heap
    private final float[] dGArr;
    private final float[] xhArr;
    private LstmScratch scratch;
    final FloatPointer dGPtr;
    final FloatBuffer dG;
    private final FloatPointer xhPtr;
    private final FloatBuffer xh;
    private final float[] zeros;

    /** Room for {@code rows} rows of a layer with {@code in} inputs and {@code hid} hidden units. */
    public LstmGateGradients(int rows, int in, int hid) {
        this.rows = rows;
        this.hid = hid;
        this.g4 = 4 * hid;
        this.in = in;
        this.width = in + hid;
        this.zeros = new float[g4];
        if (RnnKernelsGemm.offHeap()) {
            plain = null;
            dGArr = null;
            xhArr = null;
            scratch = LstmScratch.acquire();
            dGPtr = scratch.floats(LstmScratch.C, (long) rows * g4);
            dG = scratch.buffer(LstmScratch.C);
            xhPtr = scratch.floats(LstmScratch.A, (long) rows * width);
            xh = scratch.buffer(LstmScratch.A);
        } else {
            plain = Backends.current();
            dGArr = new float[rows * g4];
            xhArr = new float[rows * width];
            dGPtr = null;
            xhPtr = null;
            dG = FloatBuffer.wrap(dGArr);
            xh = FloatBuffer.wrap(xhArr);
        }
    }

    /** Row {@code row} of dG: {@code [di, df, dg, do]} read at {@code at} of the four step arrays. */
    public void put(int row, float[] di, float[] df, float[] dg, float[] dO, int at) {
        int to = row * g4;
        dG.put(to, di, at, hid).put(to + hid, df, at, hid).put(to + 2 * hid, dg, at, hid).put(to + 3 * hid, dO, at, hid);
    }

    /** Row {@code row} of dG and of {@code h_{t-1}} set to zero (a padded step). */
    public void zero(int row) {
        dG.put(row * g4, zeros, 0, g4);
        xh.put(row * width + in, zeros, 0, hid);
    }

    /** Row {@code row} of {@code h_{t-1}} from {@code h[at .. at + H)}. */
    public void putHidden(int row, float[] h, int at) {
        xh.put(row * width + in, h, at, hid);
    }

    /** All rows of {@code h_{t-1}} from {@code h[off ..]} (rows in order). */
    public void putHidden(float[] h, int off) {
        for (int r = 0; r < rows; r++) putHidden(r, h, off + r * hid);
    }

    /**
     * {@code [dW_ih (4H, F) | dW_hh (4H, H)] = dG^T [X | H_prev]} into {@code dwIh} and {@code
     * dwHh}, with {@code x (rows, F)} row-major from {@code xOff}.
     */
    public void weightGradients(float[] x, int xOff, float[] dwIh, float[] dwHh) {
        for (int r = 0; r < rows; r++) {
            xh.clear().position(r * width);
            xh.put(x, xOff + r * in, in);
        }
        FloatBuffer out;
        if (plain != null) {
            float[] dw = new float[g4 * width];
            plain.gemm(true, false, g4, width, rows, 1f, dGArr, 0, g4, xhArr, 0, width, 0f, dw, 0, width);
            out = FloatBuffer.wrap(dw);
        } else {
            gemm(true, g4, width, rows, dGPtr, g4, xhPtr, width, scratch.floats(LstmScratch.D, (long) g4 * width));
            out = scratch.buffer(LstmScratch.D);
        }
        for (int o = 0; o < g4; o++) out.get(dwIh, o * in, in).get(dwHh, o * hid, hid);
    }

    /** {@code dX (rows, F) = dG W_ih} into {@code dx}, with {@code w (4H, F)} row-major from {@code wOff}. */
    public void inputGradient(float[] w, int wOff, float[] dx) {
        if (plain != null) {
            plain.gemm(false, false, rows, in, g4, 1f, dGArr, 0, g4, w, wOff, in, 0f, dx, 0, in);
            return;
        }
        FloatPointer ws = scratch.floats(LstmScratch.W, (long) g4 * in);
        scratch.buffer(LstmScratch.W).put(w, wOff, g4 * in);
        FloatPointer out = scratch.floats(LstmScratch.D, (long) rows * in);
        gemm(false, rows, in, g4, dGPtr, g4, ws, in, out);
        scratch.buffer(LstmScratch.D).get(dx, 0, rows * in);
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
