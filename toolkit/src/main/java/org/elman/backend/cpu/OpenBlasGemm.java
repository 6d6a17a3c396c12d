package org.elman.backend.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * GEMM through OpenBLAS (shipped by {@code org.bytedeco:openblas}). JavaCPP copies a whole Java
 * array across JNI for every call, so the touched regions of the operands are staged through
 * per-thread off-heap buffers instead; the copies are linear in the operand sizes, the GEMM is not.
 */
final class OpenBlasGemm implements Gemm {
    private static final ThreadLocal<Staging> STAGING = ThreadLocal.withInitial(Staging::new);

    /** Loads the native library; throws if it is not available on this platform. */
    OpenBlasGemm() {
        // one OpenBLAS thread per caller: CpuBackend splits large products over its own pool, so
        // OpenBLAS's spinning workers never compete with ours (erratic under load otherwise)
        openblas_nolapack.blas_set_num_threads(1);
        float[] a = {1, 2, 3, 4};
        float[] c = new float[4];
        sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, a, 0, 2, 0f, c, 0, 2);
        if (c[0] != 7f || c[3] != 22f) throw new IllegalStateException("OpenBLAS self-test failed");
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public String detail() {
        try {
            return " (" + OpenBlasCore.describe() + ")";
        } catch (RuntimeException | LinkageError e) {
            return ""; // only the log line would lose its detail
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        int aSpan = span(transA ? k : m, transA ? m : k, lda);
        int bSpan = span(transB ? n : k, transB ? k : n, ldb);
        Staging s = STAGING.get();
        s.ensure(aSpan, bSpan, m * n);
        s.ba.clear().put(a, aOff, aSpan);
        s.bb.clear().put(b, bOff, bSpan);
        // C is staged compactly (leading dimension n) so that only the m x n block is written
        // back: callers may run GEMMs on neighbouring column blocks of the same C concurrently
        if (beta != 0f) copyRows(c, cOff, ldc, s.bc, m, n, true);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, alpha, s.pa, lda, s.pb, ldb, beta, s.pc, n);
        copyRows(c, cOff, ldc, s.bc, m, n, false);
    }

    private static void copyRows(float[] c, int cOff, int ldc, FloatBuffer staged, int m, int n, boolean in) {
        staged.clear();
        if (ldc == n) {
            if (in) staged.put(c, cOff, m * n);
            else staged.get(c, cOff, m * n);
            return;
        }
        for (int i = 0; i < m; i++) {
            if (in) staged.put(c, cOff + i * ldc, n);
            else staged.get(c, cOff + i * ldc, n);
        }
    }

    /** Floats from the first to the last element of a rows x cols matrix with row stride ld. */
    private static int span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
    }

    /**
     * Three growable off-heap buffers owned by one thread, each with a direct {@link FloatBuffer}
     * view: bulk {@code put/get} through the view copies only the given region.
     */
    private static final class Staging {
        private FloatPointer pa;
        private FloatPointer pb;
        private FloatPointer pc;
        private FloatBuffer ba;
        private FloatBuffer bb;
        private FloatBuffer bc;

        void ensure(int a, int b, int c) {
            if (pa == null || pa.capacity() < a) {
                pa = grow(pa, a);
                ba = pa.asBuffer();
            }
            if (pb == null || pb.capacity() < b) {
                pb = grow(pb, b);
                bb = pb.asBuffer();
            }
            if (pc == null || pc.capacity() < c) {
                pc = grow(pc, c);
                bc = pc.asBuffer();
            }
        }

        private static FloatPointer grow(FloatPointer old, int n) {
            if (old != null) old.close();
            return new FloatPointer(Math.max(n, 1024));
        }
    }
}
