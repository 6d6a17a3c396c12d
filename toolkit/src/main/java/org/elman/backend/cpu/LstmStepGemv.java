package org.elman.backend.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The matrix-vector product of a batch-1 LSTM step, {@code [a_i, a_f, a_g, a_o] = W [x; h]} with
 * {@code W = [W_ih | W_hh] (4H, F + H)}, its result handed out gate-split (four arrays of H) for
 * {@link LstmKernels}. With OpenBLAS, W is staged off-heap once as its transpose {@code (F + H,
 * 4H)}: OpenBLAS's GEMV on that layout (column-major "no transpose") was about 10-15% faster here
 * than on W itself for {@code 1024 x 336}; x and h go straight into the staged vector and the
 * four gates come straight out of the staged result. Otherwise a Java loop over the transpose.
 * Not thread-safe; {@link #close()} frees the off-heap copy.
 */
public final class LstmStepGemv implements AutoCloseable {
    private final int rows;
    private final int cols;
    private final int hid;
    private final float[] wT; // (cols, rows), Java path only
    private final float[] xh; // Java path only
    private final float[] y; // Java path only
    private FloatPointer wPtr;
    private FloatPointer vPtr;
    private FloatPointer yPtr;
    private final FloatBuffer v;
    private final FloatBuffer out;

    /** Stages {@code W (rows, cols)}, row-major at {@code w[off..]}; {@code rows} is 4H. */
    public LstmStepGemv(float[] w, int off, int rows, int cols) {
        if (rows % 4 != 0) throw new IllegalArgumentException("LstmStepGemv: rows must be 4H, got " + rows);
        this.rows = rows;
        this.cols = cols;
        this.hid = rows / 4;
        float[] t = RnnKernels.transpose(w, off, rows, cols);
        if (RnnKernelsGemm.offHeap()) {
            wT = null;
            xh = null;
            y = null;
            wPtr = new FloatPointer((long) t.length);
            wPtr.asBuffer().put(t);
            vPtr = new FloatPointer((long) cols);
            yPtr = new FloatPointer((long) rows);
            v = vPtr.asBuffer();
            out = yPtr.asBuffer();
        } else {
            wT = t;
            xh = new float[cols];
            y = new float[rows];
            v = null;
            out = null;
        }
    }

    /**
     * {@code W [x[xOff .. xOff + na); h[hOff .. hOff + cols - na)]} into {@code i, f, g, o} (H
     * each, from index 0), without bias.
     */
    public void gates(float[] x, int xOff, int na, float[] h, int hOff, float[] i, float[] f, float[] g, float[] o) {
        gates(x, xOff, na, h, hOff, i, f, g, o, 0);
    }

    /** {@link #gates} writing each gate's H values from index {@code outOff} of its array. */
    public void gates(float[] x, int xOff, int na, float[] h, int hOff, float[] i, float[] f, float[] g, float[] o, int outOff) {
        if (v == null) {
            System.arraycopy(x, xOff, xh, 0, na);
            System.arraycopy(h, hOff, xh, na, cols - na);
            java.util.Arrays.fill(y, 0f);
            RnnKernels.gemvTransposedAdd(cols, rows, xh, 0, wT, y);
            System.arraycopy(y, 0, i, outOff, hid);
            System.arraycopy(y, hid, f, outOff, hid);
            System.arraycopy(y, 2 * hid, g, outOff, hid);
            System.arraycopy(y, 3 * hid, o, outOff, hid);
            return;
        }
        v.clear();
        v.put(x, xOff, na).put(h, hOff, cols - na);
        openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasColMajor, openblas_nolapack.CblasNoTrans,
                rows, cols, 1f, wPtr, rows, vPtr, 1, 0f, yPtr, 1);
        out.clear();
        out.get(i, outOff, hid).get(f, outOff, hid).get(g, outOff, hid).get(o, outOff, hid);
    }

    @Override
    public void close() {
        if (wPtr != null) {
            wPtr.close();
            vPtr.close();
            yPtr.close();
            wPtr = null;
        }
    }
}
