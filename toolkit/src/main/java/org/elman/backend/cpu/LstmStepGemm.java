package org.elman.backend.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.elman.backend.Backend;
import org.elman.backend.Backends;

/**
 * The two recurrent products of an LSTM time step, with the operands gathered from and scattered
 * to the layouts the step kernels ({@link LstmKernels}) want, so that no separate copy pass is
 * needed. {@code W_hh (4H, H)} is staged once:
 *
 * <ul>
 *   <li>{@link #gates}: {@code h W_hh^T + xp_rows}, row b's result scattered into the four gate
 *       arrays (gate-split layout); {@code xp} rows are picked by an index (a direction that reads
 *       its sequences backwards picks them in reverse).
 *   <li>{@link #hiddenGradient}: for each row b, {@code dG_row(b) W_hh (+ dy_row(b))}, the
 *       gradient reaching the previous step's h.
 * </ul>
 *
 * With OpenBLAS the staging buffers are off-heap (only the touched rows cross per step);
 * otherwise heap arrays and the current backend's GEMM. Not thread-safe; {@link #close()} frees
 * the off-heap memory.
 */
public final class LstmStepGemm implements AutoCloseable {
    private final int hid;
    private final int g4;
    private final Backend plain; // null when staged for OpenBLAS
    private final float[] wArr;
    private final float[] aArr;
    private final float[] cArr;
    private FloatPointer wPtr;
    private FloatPointer aPtr;
    private FloatPointer cPtr;
    private final FloatBuffer a;
    private final FloatBuffer c;

    /** Stages {@code W_hh (4H, H)}, row-major at {@code w[wOff..]}; at most {@code maxRows} rows per step. */
    public LstmStepGemm(float[] w, int wOff, int hid, int maxRows) {
        this.hid = hid;
        this.g4 = 4 * hid;
        float[] wh = java.util.Arrays.copyOfRange(w, wOff, wOff + g4 * hid);
        int aLen = maxRows * g4;
        int cLen = maxRows * g4;
        if (RnnKernelsGemm.offHeap()) {
            plain = null;
            wArr = null;
            aArr = null;
            cArr = null;
            wPtr = new FloatPointer((long) wh.length);
            wPtr.put(wh, 0, wh.length);
            aPtr = new FloatPointer((long) aLen);
            cPtr = new FloatPointer((long) cLen);
            a = aPtr.asBuffer();
            c = cPtr.asBuffer();
        } else {
            plain = Backends.current();
            wArr = wh;
            aArr = new float[aLen];
            cArr = new float[cLen];
            a = FloatBuffer.wrap(aArr);
            c = FloatBuffer.wrap(cArr);
        }
    }

    /**
     * Gate pre-activations (without bias) of one step for rows {@code b < n}: {@code h_b W_hh^T +
     * xp[rows[rowOff + b]]} with h rows at {@code h[hOff + b*H]} and xp rows of 4H; row b's gates
     * go to {@code i, f, g, o} at {@code out + b*H}.
     */
    public void gates(int n, float[] h, int hOff, float[] xp, int[] rows, int rowOff,
                      float[] i, float[] f, float[] g, float[] o, int out) {
        a.clear();
        a.put(h, hOff, n * hid);
        gatherRows(c, xp, 0, rows, rowOff, n, g4);
        product(true, n, g4, hid, 1f);
        c.clear();
        for (int b = 0; b < n; b++) {
            int at = out + b * hid;
            c.get(i, at, hid).get(f, at, hid).get(g, at, hid).get(o, at, hid);
        }
    }

    /**
     * The gradient reaching the previous step's h for rows {@code b < n}: {@code dG[rows[rowOff +
     * b]] W_hh}, plus {@code dy[dyRows[dyRowOff + b]]} (rows of H) when {@code dy} is not null, into
     * {@code dh[out + b*H]}.
     */
    public void hiddenGradient(int n, float[] dG, int[] rows, int rowOff, float[] dy, int dyOff, int[] dyRows,
                               int dyRowOff, float[] dh, int out) {
        gatherRows(a, dG, 0, rows, rowOff, n, g4);
        if (dy != null) gatherRows(c, dy, dyOff, dyRows, dyRowOff, n, hid);
        product(false, n, hid, g4, dy == null ? 0f : 1f);
        c.clear();
        c.get(dh, out, n * hid);
    }

    /** Puts rows {@code src[off + rows[rowOff + b] * len]} (b < n) into {@code buf}; one bulk put when they are consecutive. */
    private static void gatherRows(FloatBuffer buf, float[] src, int off, int[] rows, int rowOff, int n, int len) {
        buf.clear();
        int first = rows[rowOff];
        boolean consecutive = true;
        for (int b = 1; b < n && consecutive; b++) consecutive = rows[rowOff + b] == first + b;
        if (consecutive) {
            buf.put(src, off + first * len, n * len);
            return;
        }
        for (int b = 0; b < n; b++) buf.put(src, off + rows[rowOff + b] * len, len);
    }

    /**
     * {@code C (m, nOut) = A (m, k) op(W) + beta C} on the staging buffers; op transposes for the
     * gates. With OpenBLAS, in column blocks of at most {@link RnnKernelsGemm#BLOCK_MNK_T} /
     * {@link RnnKernelsGemm#BLOCK_MNK_N} multiply-adds, as {@link RnnKernelsGemm} does (faster for
     * these shapes than one call).
     */
    private void product(boolean transW, int m, int nOut, int k, float beta) {
        if (plain != null) {
            plain.gemm(false, transW, m, nOut, k, 1f, aArr, 0, k, wArr, 0, transW ? k : nOut, beta, cArr, 0, nOut);
            return;
        }
        int budget = transW ? RnnKernelsGemm.BLOCK_MNK_T : RnnKernelsGemm.BLOCK_MNK_N;
        int block = Math.max(16, Math.round(budget / (float) Math.max(1, m * k) / 16f) * 16);
        for (int j0 = 0; j0 < nOut; j0 += block) {
            int bw = Math.min(block, nOut - j0);
            wPtr.position(transW ? (long) j0 * k : j0);
            cPtr.position(j0);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    transW ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    m, bw, k, 1f, aPtr, k, wPtr, transW ? k : nOut, beta, cPtr, nOut);
        }
        wPtr.position(0);
        cPtr.position(0);
    }

    @Override
    public void close() {
        if (wPtr != null) {
            wPtr.close();
            aPtr.close();
            cPtr.close();
            wPtr = null;
        }
    }
}
