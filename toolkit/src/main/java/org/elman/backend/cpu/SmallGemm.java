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
 */
final class SmallGemm {
    /** Elements of C per call when W is transposed. */
    static final int TRANSPOSED_C = 1024;
    /** The k extent of one call when W is used as stored. */
    static final int K_CHUNK = 256;
    /** Multiply-adds per call when W is used as stored. */
    static final int BLOCK_MNK = 524288;

    private SmallGemm() {}

    /**
     * {@code C = A op(W) + beta C} with A, W and C at their current positions, row strides k,
     * {@code transW ? k : nOut} and nOut; op transposes W (stored {@code (nOut, k)}) when {@code
     * transW}, else W is stored {@code (k, nOut)}. The positions are restored on return.
     */
    static void product(boolean transW, int m, int nOut, int k, float beta, FloatPointer a, FloatPointer w, FloatPointer c) {
        if (m == 0 || nOut == 0) return;
        long a0 = a.position();
        long w0 = w.position();
        long c0 = c.position();
        int kc = transW ? k : Math.min(k, K_CHUNK);
        int block = transW ? Math.max(16, TRANSPOSED_C / m / 16 * 16)
                : Math.max(16, Math.round(BLOCK_MNK / (float) Math.max(1, m * kc) / 16f) * 16);
        try {
            for (int j0 = 0; j0 < nOut; j0 += block) {
                int bw = Math.min(block, nOut - j0);
                c.position(c0 + j0);
                for (int k0 = 0; k0 < k; k0 += kc) {
                    a.position(a0 + k0);
                    w.position(w0 + (transW ? (long) j0 * k + k0 : (long) k0 * nOut + j0));
                    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                            transW ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                            m, bw, Math.min(kc, k - k0), 1f, a, k, w, transW ? k : nOut, k0 == 0 ? beta : 1f, c, nOut);
                }
            }
        } finally {
            a.position(a0);
            w.position(w0);
            c.position(c0);
        }
    }
}
