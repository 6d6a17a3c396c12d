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
 *   <li>{@link #stepGates}: {@code h W_hh^T + xp_rows}, row b's result scattered into the four
 *       gate arrays (gate-split layout), {@code xp} the input projection of {@link #projectInput}
 *       (made in the caller's row order, so a step's rows are consecutive).
 *   <li>{@link #hiddenGradient}: for each row b, {@code dG_row(b) W_hh (+ dy_row(b))}, the
 *       gradient reaching the previous step's h.
 * </ul>
 *
 * With OpenBLAS the staging buffers are off-heap (only the touched rows cross per step);
 * otherwise heap arrays and the current backend's GEMM. One instance is not thread-safe, but
 * its parts ({@link #LstmStepGemm(LstmStepGemm, int)}) may step distinct rows of the batch on
 * several threads at once. {@link #close()} frees the off-heap memory.
 */
public final class LstmStepGemm implements LstmStepGates {
    /** Projections smaller than this many multiply-adds run on the calling thread (as {@link CpuBackend}'s GEMMs). */
    private static final long PARALLEL_WORK = 1L << 21;
    private final int hid;
    private final int g4;
    private final Backend plain; // null when staged for OpenBLAS
    private final float[] wArr;
    private final float[] aArr;
    private final float[] cArr;
    /** False for a part ({@link #LstmStepGemm(LstmStepGemm, int)}): W_hh and the projection are the owner's. */
    private final boolean ownsWeights;
    private FloatPointer wPtr;
    private BlockedWeights blocked; // W_hh and W_hh^T in column blocks (H < SmallGemm.BLOCKED_BELOW), null otherwise
    private WeightCursors weights; // this instance's own pointers into the staged weights; null without OpenBLAS
    private FloatPointer aPtr;
    private FloatPointer cPtr;
    private final FloatBuffer a;
    private final FloatBuffer c;
    private LstmScratch scratch; // holds the input projection off-heap; null until projectInput (or without OpenBLAS)
    private FloatPointer xpPtr; // the input projection off-heap (this one's, or its owner's for a part)
    private FloatBuffer xpBuf; // a direct view of it, read with absolute indices only
    private FloatPointer xpCursor; // this instance's own pointer into it (positioned per step; others may share xpPtr)
    private FloatPointer dGCursor; // this instance's own pointer into dGOwner's gate gradients
    private LstmGateGradients dGOwner;
    private float[] xpArr; // the input projection on the heap, without OpenBLAS

    /** Stages {@code W_hh (4H, H)}, row-major at {@code w[wOff..]}; at most {@code maxRows} rows per step. */
    public LstmStepGemm(float[] w, int wOff, int hid, int maxRows) {
        this.hid = hid;
        this.g4 = 4 * hid;
        this.ownsWeights = true;
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
            if (hid < SmallGemm.BLOCKED_BELOW) blocked = new BlockedWeights(wh, 0, g4, hid);
            weights = new WeightCursors(wPtr, blocked);
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
     * A part of {@code owner}: steps at most {@code maxRows} rows with its own staging buffers, reading
     * the owner's staged {@code W_hh} and input projection (after the owner's {@link #projectInput},
     * if any). Parts of one owner may step distinct rows on different threads at once; close them
     * before the owner.
     */
    public LstmStepGemm(LstmStepGemm owner, int maxRows) {
        this.hid = owner.hid;
        this.g4 = owner.g4;
        this.ownsWeights = false;
        this.plain = owner.plain;
        this.wArr = owner.wArr;
        this.wPtr = owner.wPtr;
        this.blocked = owner.blocked;
        int len = maxRows * g4;
        if (plain == null) {
            weights = new WeightCursors(wPtr, blocked);
            aArr = null;
            cArr = null;
            aPtr = new FloatPointer((long) len);
            cPtr = new FloatPointer((long) len);
            a = aPtr.asBuffer();
            c = cPtr.asBuffer();
        } else {
            aArr = new float[len];
            cArr = new float[len];
            a = FloatBuffer.wrap(aArr);
            c = FloatBuffer.wrap(cArr);
        }
        xpArr = owner.xpArr;
        xpPtr = owner.xpPtr;
        xpBuf = owner.xpBuf;
        xpCursor = xpPtr == null ? null : new FloatPointer(xpPtr);
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

    /**
     * As {@link #hiddenGradient(int, float[], int[], int, float[], int, int[], int, float[], int)}
     * with the rows of dG read from {@code held} (in place when they are consecutive).
     */
    public void hiddenGradient(int n, LstmGateGradients held, int[] rows, int rowOff, float[] dy, int dyOff, int[] dyRows,
                               int dyRowOff, float[] dh, int out) {
        if (plain != null || held.dGPtr == null) {
            hiddenGradient(n, held.heapGates(), rows, rowOff, dy, dyOff, dyRows, dyRowOff, dh, out);
            return;
        }
        if (dy != null) gatherRows(c, dy, dyOff, dyRows, dyRowOff, n, hid);
        FloatPointer from = aPtr;
        if (consecutive(rows, rowOff, n)) {
            if (dGOwner != held) {
                dGCursor = new FloatPointer(held.dGPtr);
                dGOwner = held;
            }
            from = dGCursor.position((long) rows[rowOff] * g4);
        } else {
            for (int b = 0; b < n; b++) a.put(b * g4, held.dG, rows[rowOff + b] * g4, g4);
        }
        product(false, n, hid, g4, dy == null ? 0f : 1f, from, cPtr);
        c.clear();
        c.get(dh, out, n * hid);
    }

    /**
     * The input projection of all steps, {@code xp (rows, 4H) = x (rows, F) W_ih^T} with the rows of
     * x taken in {@code order} (projection row r is {@code x[order[r]] W_ih^T}; null: in place),
     * kept here for {@link #stepGates}: with OpenBLAS off-heap in this thread's reused {@link
     * LstmScratch} (split over the cores when called outside a parallel region and large enough),
     * so that it is neither copied back to a fresh heap array nor re-staged step by step. A
     * direction that reads its sequences backwards passes its row map, so that it then reads the
     * projection forwards, step after step: read backwards, the 32 KB of each step's rows (N 16, H
     * 128) came in about 0.4 ms slower per 300 steps, as the hardware prefetcher does not follow
     * jumps back.
     */
    public void projectInput(int rows, float[] x, int xOff, int f, float[] w, int wOff, int[] order) {
        if (plain != null) {
            float[] in = order == null ? x : gatherRows(x, xOff, f, order, rows);
            xpArr = new float[rows * g4];
            plain.gemm(false, true, rows, g4, f, 1f, in, order == null ? xOff : 0, f, w, wOff, f, 0f, xpArr, 0, g4);
            return;
        }
        if (scratch == null) scratch = LstmScratch.acquire();
        FloatPointer xs = scratch.floats(LstmScratch.A, (long) rows * f);
        stageRows(scratch.buffer(LstmScratch.A), x, xOff, f, order, rows);
        FloatPointer ws = scratch.floats(LstmScratch.W, (long) g4 * f);
        scratch.buffer(LstmScratch.W).put(w, wOff, g4 * f);
        FloatPointer xp = scratch.floats(LstmScratch.C, (long) rows * g4);
        xpPtr = xp;
        xpBuf = scratch.buffer(LstmScratch.C);
        xpCursor = new FloatPointer(xp);
        boolean split = (long) rows * g4 * f >= PARALLEL_WORK && Parallel.threads() > 1;
        Parallel.range(rows, split ? Math.max(1, rows / Parallel.threads()) : rows, (lo, hi) ->
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        openblas_nolapack.CblasTrans, hi - lo, g4, f, 1f, xs.getPointer((long) lo * f), f, ws, f,
                        0f, xp.getPointer((long) lo * g4), g4));
    }

    /**
     * {@code h_b W_hh^T + xp[rowOff + b]} for rows {@code b < n} of the projection of {@link
     * #projectInput}, gate-split into {@code i, f, g, o} at {@code out + b*H}; with OpenBLAS the
     * product accumulates into the projection rows in place (each is used once). Parts of one
     * owner may run this concurrently on distinct rows.
     */
    @Override
    public void stepGates(int n, float[] h, int hOff, int rowOff, float[] i, float[] f, float[] g, float[] o, int out) {
        a.clear();
        a.put(h, hOff, n * hid);
        if (plain != null) {
            c.clear();
            c.put(xpArr, rowOff * g4, n * g4);
            product(true, n, g4, hid, 1f);
            readGates(c, 0, n, hid, i, f, g, o, out);
            return;
        }
        product(true, n, g4, hid, 1f, aPtr, xpCursor.position((long) rowOff * g4));
        readGates(xpBuf, rowOff * g4, n, hid, i, f, g, o, out);
    }

    /**
     * Reads n rows of 4H from {@code src} at index {@code from} (absolute, the position untouched)
     * into the gate arrays: row b's four H-blocks to {@code i, f, g, o} at {@code out + b*H}.
     */
    static void readGates(FloatBuffer src, int from, int n, int hid, float[] i, float[] f, float[] g, float[] o, int out) {
        for (int b = 0; b < n; b++) {
            int at = out + b * hid;
            int row = from + b * 4 * hid;
            src.get(row, i, at, hid).get(row + hid, f, at, hid).get(row + 2 * hid, g, at, hid).get(row + 3 * hid, o, at, hid);
        }
    }

    /** Puts rows {@code x[order[r]]} of f floats, r < rows, into {@code buf} (all rows in place when order is null), one bulk put per run of consecutive rows. */
    private static void stageRows(FloatBuffer buf, float[] x, int xOff, int f, int[] order, int rows) {
        buf.clear();
        if (order == null) {
            buf.put(x, xOff, rows * f);
            return;
        }
        for (int r = 0; r < rows; ) {
            int run = 1;
            while (r + run < rows && order[r + run] == order[r] + run) run++;
            buf.put(x, xOff + order[r] * f, run * f);
            r += run;
        }
    }

    /** Rows {@code x[order[r]]} of f floats, r < rows, gathered into a new array. */
    private static float[] gatherRows(float[] x, int xOff, int f, int[] order, int rows) {
        float[] out = new float[rows * f];
        stageRows(FloatBuffer.wrap(out), x, xOff, f, order, rows);
        return out;
    }

    private static boolean consecutive(int[] rows, int rowOff, int n) {
        int first = rows[rowOff];
        for (int b = 1; b < n; b++) {
            if (rows[rowOff + b] != first + b) return false;
        }
        return true;
    }

    /** Puts rows {@code src[off + rows[rowOff + b] * len]} (b < n) into {@code buf}; one bulk put when they are consecutive. */
    private static void gatherRows(FloatBuffer buf, float[] src, int off, int[] rows, int rowOff, int n, int len) {
        buf.clear();
        int first = rows[rowOff];
        if (consecutive(rows, rowOff, n)) {
            buf.put(src, off + first * len, n * len);
            return;
        }
        for (int b = 0; b < n; b++) buf.put(src, off + rows[rowOff + b] * len, len);
    }

    /** {@code C (m, nOut) = A (m, k) op(W) + beta C} on the staging buffers; op transposes for the gates. */
    private void product(boolean transW, int m, int nOut, int k, float beta) {
        product(transW, m, nOut, k, beta, aPtr, cPtr);
    }

    /**
     * As above with the off-heap A at {@code aAt} and C at {@code cAt} (row strides k and nOut), in
     * {@link SmallGemm} blocks. With OpenBLAS and H below {@link SmallGemm#BLOCKED_BELOW}, both products
     * multiply by copies of {@code W_hh^T} (the gates) and {@code W_hh} (the gradient of h) staged
     * in column blocks ({@link SmallGemm#productBlocked}, which says what that gains) instead of
     * the plain {@code W_hh} (transposed by OpenBLAS for the gates); each copy is made once per
     * layer call, on first use. At H = 512 and above (not measured for the gradient) the plain
     * {@code W_hh} is used.
     */
    private void product(boolean transW, int m, int nOut, int k, float beta, FloatPointer aAt, FloatPointer cAt) {
        if (plain != null) {
            plain.gemm(false, transW, m, nOut, k, 1f, aArr, 0, k, wArr, 0, transW ? k : nOut, beta, cArr, 0, nOut);
        } else {
            weights.product(transW, m, nOut, k, beta, aAt, cAt);
        }
    }

    @Override
    public void close() {
        if (scratch != null) {
            scratch.release();
            scratch = null;
        }
        xpArr = null;
        xpPtr = null;
        xpBuf = null;
        xpCursor = null;
        dGCursor = null;
        dGOwner = null;
        weights = null;
        if (blocked != null && ownsWeights) blocked.close();
        blocked = null;
        if (aPtr != null) {
            if (ownsWeights) wPtr.close();
            aPtr.close();
            cPtr.close();
            aPtr = null;
        }
        wPtr = null;
    }
}
