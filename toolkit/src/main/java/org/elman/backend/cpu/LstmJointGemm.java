package org.elman.backend.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The gate pre-activations of each LSTM step as one product of the joined operand {@code [x_t,
 * h_(t-1)] (N, F+H)} with the joined weights {@code [W_ih, W_hh]^T (F+H, 4H)}, staged once in the
 * column blocks of {@link SmallGemm#productBlocked}. The alternative, {@link
 * LstmStepGemm#projectInput}, first projects the input of all steps in one large GEMM and keeps
 * that {@code (T*N, 4H)} projection in memory: at T 300, N 16, H 128 it is 9.8 MB per direction,
 * written (after OpenBLAS has zeroed it) and read back once, which the two directions of a
 * bidirectional layer do at the same time, competing for the shared cache and memory. Here the
 * joined weights are read from the core's own cache at every step instead, so this is used only
 * while they are small ({@link #applies}).
 *
 * <p>Only with OpenBLAS ({@link RnnKernelsGemm#offHeap}). Not thread-safe; the parts of one owner
 * ({@link #LstmJointGemm(LstmJointGemm, int)}) may step distinct rows on several threads at once.
 * {@link #close()} frees the off-heap memory.
 */
public final class LstmJointGemm implements LstmStepGates {
    /** The largest joined weights used here, in bytes (about one core's L2 cache: 1 MB on the benchmark's AMD EPYC). */
    static final long MAX_BYTES = 1L << 20;
    /** The fewest rows per product (per part of the batch) for which this is used. */
    static final int MIN_ROWS = 8;
    private final int f;
    private final int hid;
    private final int g4;
    private final int k;
    private final boolean ownsWeights;
    private final float[] x;
    private final int xOff;
    private final int[] rows;
    private FloatPointer w;
    private final FloatPointer wCursor;
    private final FloatPointer aPtr;
    private final FloatPointer cPtr;
    private final FloatBuffer a;
    private final FloatBuffer c;

    /**
     * Whether this path applies to an LSTM of input size f and hidden size H whose steps multiply
     * {@code rows} rows at a time (the batch, or its part per thread): OpenBLAS is the backend,
     * the joined weights take at most {@link #MAX_BYTES}, and at least {@link #MIN_ROWS} rows
     * share each read of them. Measured against the projection path, 300 steps, forward, medians
     * of paired runs in one JVM (throwaway probe {@code AB2}), this machine:
     *
     * <ul>
     *   <li>3-layer BiLSTM 128 (input 80): N 16 1.5-3.6 ms faster (of 30), N 8 and 6 equal, N 2
     *       2.8 ms slower (of 7.7).
     *   <li>LSTM 128 on input 256: N 8 (two parts of 4 rows) 0.6 ms faster, N 4 (two parts of 2)
     *       0.7 ms slower (of 3.8), N 1 0.6 ms slower (of 1.6).
     *   <li>Larger weights: LSTM 512 on input 512 at N 1 took 32 ms against 19; at N 16 the
     *       3-layer BiLSTM 256 (1.4 and 3.1 MB of weights) was 1.5 % faster.
     * </ul>
     */
    public static boolean applies(int f, int hid, int rows) {
        return RnnKernelsGemm.offHeap() && 16L * hid * (f + hid) <= MAX_BYTES && rows >= MIN_ROWS;
    }

    /**
     * Stages {@code W_ih (4H, F)} and {@code W_hh (4H, H)}, row-major at their offsets, for steps of
     * at most {@code maxRows} rows; the input of virtual row r ({@link LstmStepGates}) is row
     * {@code rows[r]} of {@code x (T*N, F)} at {@code x[xOff..]}.
     */
    public LstmJointGemm(float[] wIh, int wIhOff, float[] wHh, int wHhOff, int f, int hid, int maxRows,
                         float[] x, int xOff, int[] rows) {
        this.f = f;
        this.hid = hid;
        this.g4 = 4 * hid;
        this.k = f + hid;
        this.ownsWeights = true;
        this.x = x;
        this.xOff = xOff;
        this.rows = rows;
        float[] blocks = new float[k * g4];
        SmallGemm.transposedBlocksInto(wIh, wIhOff, g4, f, blocks, k, 0);
        SmallGemm.transposedBlocksInto(wHh, wHhOff, g4, hid, blocks, k, f);
        w = SmallGemm.stage(blocks);
        wCursor = new FloatPointer(w);
        aPtr = new FloatPointer((long) maxRows * k);
        cPtr = new FloatPointer((long) maxRows * g4);
        a = aPtr.asBuffer();
        c = cPtr.asBuffer();
    }

    /** A part of {@code owner} with its own operands for at most {@code maxRows} rows; close it before the owner. */
    public LstmJointGemm(LstmJointGemm owner, int maxRows) {
        this.f = owner.f;
        this.hid = owner.hid;
        this.g4 = owner.g4;
        this.k = owner.k;
        this.ownsWeights = false;
        this.x = owner.x;
        this.xOff = owner.xOff;
        this.rows = owner.rows;
        this.w = owner.w;
        wCursor = new FloatPointer(w);
        aPtr = new FloatPointer((long) maxRows * k);
        cPtr = new FloatPointer((long) maxRows * g4);
        a = aPtr.asBuffer();
        c = cPtr.asBuffer();
    }

    @Override
    public void stepGates(int n, float[] h, int hOff, int rowOff, float[] i, float[] fg, float[] g, float[] o, int out) {
        for (int b = 0; b < n; b++) {
            a.put(b * k, x, xOff + rows[rowOff + b] * f, f);
            a.put(b * k + f, h, hOff + b * hid, hid);
        }
        SmallGemm.productBlocked(n, g4, k, 0f, aPtr, wCursor.position(0), cPtr);
        LstmStepGemm.readGates(c, 0, n, hid, i, fg, g, o, out);
    }

    @Override
    public void close() {
        if (w == null) return;
        if (ownsWeights) w.close();
        aPtr.close();
        cPtr.close();
        w = null;
    }
}
