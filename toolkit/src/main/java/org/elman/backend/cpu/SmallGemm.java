package org.elman.backend.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The per-step recurrent product {@code C (m, nOut) = A (m, k) op(W) + beta C} on off-heap
 * operands, as several OpenBLAS calls on blocks small enough for its unpacked small-matrix path
 * (one single-threaded call on the whole product packs W every time and is 1.5-3x slower for
 * these shapes). Measured with 300 steps, one thread, this machine's AVX-512 OpenBLAS:
 *
 * <ul>
 *   <li>W transposed ({@code h W_hh^T}, m = 16): column blocks of at most {@link
 *       #TRANSPOSED_C} elements of C. H = 256: 35 ms with 64 columns, 34.5 with 32 (medians of 15
 *       interleaved runs, throwaway probe {@code StepSweep}); an earlier measurement gave H = 128
 *       7.3 ms with 64 columns against 11.6 ms with 128, and 25.6 against 48 ms for H = 256 with
 *       64 against 128 columns.
 *   <li>W as stored ({@code dG W_hh}, m = 16, k = 4H): chunks of {@link #K_CHUNK} along k,
 *       accumulated, in column blocks of at most {@link #BLOCK_MNK} multiply-adds. H = 256: 30 ms
 *       (128 columns x 256 of k) against 40.5 ms without the k chunks (32 columns x 1024), medians
 *       of 15 interleaved runs of {@code StepSweep}; H = 128 the same as before (6.9 ms).
 * </ul>
 *
 * Recurrent weights with H below {@link #BLOCKED_BELOW} now take {@link #productBlocked} on a
 * copy of W or W^T rearranged in column blocks, which is faster still; {@link #product} serves
 * larger H.
 */
final class SmallGemm {
    /** Elements of C per call when W is transposed. */
    static final int TRANSPOSED_C = 1024;
    /** The k extent of one call when W is used as stored. */
    static final int K_CHUNK = 256;
    /** Multiply-adds per call when W is used as stored. */
    static final int BLOCK_MNK = 524288;

    /** Column width of the blocks of {@link #columnBlocks}. */
    static final int BLOCK_COLUMNS = 64;
    /**
     * Recurrent weights {@code (gH, H)} with H below this take {@link #productBlocked} (measured
     * faster at H = 128 and 256, equal at 64 and below and, for the gates, at 512).
     */
    static final int BLOCKED_BELOW = 512;
    /** Rows of a block that one call of {@link #productBlocked} multiplies. */
    static final int BLOCK_ROWS = 512;

    private SmallGemm() {}

    /**
     * {@code W (k, nOut)} row-major rearranged into column blocks of {@link #BLOCK_COLUMNS} (the
     * last one narrower), each stored whole, row-major with its own width as row stride: block
     * {@code j0} is at {@code j0 * k}. For {@link #productBlocked}.
     */
    static float[] columnBlocks(float[] w, int k, int nOut) {
        float[] out = new float[k * nOut];
        for (int j0 = 0; j0 < nOut; j0 += BLOCK_COLUMNS) {
            int bw = Math.min(BLOCK_COLUMNS, nOut - j0);
            for (int r = 0; r < k; r++) System.arraycopy(w, r * nOut + j0, out, j0 * k + r * bw, bw);
        }
        return out;
    }

    /**
     * Writes {@code W^T}, for {@code W (rows, cols)} row-major at {@code w[off..]}, as rows {@code
     * [k0, k0 + cols)} of a {@code (k, rows)} matrix in the layout of {@link #columnBlocks} in
     * {@code out}: the transpose and the blocks in one pass (stacking several W^T along k, as
     * {@link LstmJointGemm} does, takes one call each).
     */
    static void transposedBlocksInto(float[] w, int off, int rows, int cols, float[] out, int k, int k0) {
        for (int j0 = 0; j0 < rows; j0 += BLOCK_COLUMNS) {
            int bw = Math.min(BLOCK_COLUMNS, rows - j0);
            for (int j = 0; j < bw; j++) {
                int from = off + (j0 + j) * cols;
                int to = j0 * k + k0 * bw + j;
                for (int c = 0; c < cols; c++) out[to + c * bw] = w[from + c];
            }
        }
    }

    /** A {@code (k, nOut)} matrix in the layout of {@link #columnBlocks}, copied off-heap for {@link #productBlocked}; the caller closes it. */
    static FloatPointer stage(float[] blocks) {
        FloatPointer p = new FloatPointer((long) blocks.length);
        p.put(blocks, 0, blocks.length);
        return p;
    }

    /** {@link #columnBlocks} of {@code W (k, nOut)}, copied off-heap for {@link #productBlocked}; the caller closes it. */
    static FloatPointer stageBlocks(float[] w, int k, int nOut) {
        return stage(columnBlocks(w, k, nOut));
    }

    /**
     * {@code C (m, nOut) = A (m, k) W + beta C} with W in the layout of {@link #columnBlocks}: per
     * block one OpenBLAS call for each {@link #BLOCK_ROWS} rows of W (accumulated), whose slice of
     * the block is contiguous; A, W and C at their current positions (row strides k and nOut),
     * restored on return. A block's rows are adjacent, so its 64-column slices of W do not all
     * fall into the same few L1 sets as slices of rows 2 KB or more apart do. Measured with m = 16,
     * 300 steps, one thread (throwaway probes {@code Blk} and {@code Bwd}, best of 40):
     *
     * <ul>
     *   <li>{@code h W_hh^T} (k = H): H = 128 takes 4.9 ms against 6.8 for the same blocks read from
     *       the plain {@code W_hh^T}, and H = 256 22.7-26 ms against 30-32 for the transposed
     *       product on {@code W_hh}; at H = 64 and below the layouts are equal, at H = 512 118
     *       against 122 ms.
     *   <li>{@code dG W_hh} (k = 4H): H = 256 21.6 ms against 23.7 for {@link #product}'s blocks
     *       of the plain {@code W_hh}, H = 128 5.4 against 5.8; whole blocks of k = 1024 rows take
     *       44 ms.
     * </ul>
     */
    static void productBlocked(int m, int nOut, int k, float beta, FloatPointer a, FloatPointer w, FloatPointer c) {
        inBlocks(Layout.BLOCKED, m, nOut, k, beta, a, w, c, BLOCK_COLUMNS, BLOCK_ROWS);
    }

    /**
     * {@code C = A op(W) + beta C} with A, W and C at their current positions, row strides k,
     * {@code transW ? k : nOut} and nOut; op transposes W (stored {@code (nOut, k)}) when {@code
     * transW}, else W is stored {@code (k, nOut)}. The positions are restored on return.
     */
    static void product(boolean transW, int m, int nOut, int k, float beta, FloatPointer a, FloatPointer w, FloatPointer c) {
        int kc = transW ? k : Math.min(k, K_CHUNK);
        int block = transW ? Math.max(16, TRANSPOSED_C / Math.max(1, m) / 16 * 16)
                : Math.max(16, Math.round(BLOCK_MNK / (float) Math.max(1, m * kc) / 16f) * 16);
        inBlocks(transW ? Layout.TRANSPOSED : Layout.PLAIN, m, nOut, k, beta, a, w, c, block, kc);
    }

    /** How W is stored: {@code (k, nOut)}, {@code (nOut, k)} (multiplied transposed), or {@link #columnBlocks}. */
    private enum Layout { PLAIN, TRANSPOSED, BLOCKED }

    /**
     * The loop of both products: for each block of {@code block} columns of C, one OpenBLAS call
     * per {@code kc} rows of k, accumulated; positions restored on return.
     */
    private static void inBlocks(Layout layout, int m, int nOut, int k, float beta, FloatPointer a, FloatPointer w, FloatPointer c,
                                 int block, int kc) {
        if (m == 0 || nOut == 0) return;
        long a0 = a.position();
        long w0 = w.position();
        long c0 = c.position();
        try {
            for (int j0 = 0; j0 < nOut; j0 += block) {
                int bw = Math.min(block, nOut - j0);
                c.position(c0 + j0);
                for (int k0 = 0; k0 < k; k0 += kc) {
                    a.position(a0 + k0);
                    long at = switch (layout) {
                        case PLAIN -> (long) k0 * nOut + j0;
                        case TRANSPOSED -> (long) j0 * k + k0;
                        case BLOCKED -> (long) j0 * k + (long) k0 * bw;
                    };
                    int ldw = switch (layout) {
                        case PLAIN -> nOut;
                        case TRANSPOSED -> k;
                        case BLOCKED -> bw;
                    };
                    w.position(w0 + at);
                    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                            layout == Layout.TRANSPOSED ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                            m, bw, Math.min(kc, k - k0), 1f, a, k, w, ldw, k0 == 0 ? beta : 1f, c, nOut);
                }
            }
        } finally {
            a.position(a0);
            w.position(w0);
            c.position(c0);
        }
    }
}
