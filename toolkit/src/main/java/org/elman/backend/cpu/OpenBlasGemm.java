package org.elman.backend.cpu;

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
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        int aSpan = span(transA ? k : m, transA ? m : k, lda);
        int bSpan = span(transB ? n : k, transB ? k : n, ldb);
        int cSpan = span(m, n, ldc);
        Staging s = STAGING.get();
        FloatPointer pa = s.a(aSpan);
        FloatPointer pb = s.b(bSpan);
        FloatPointer pc = s.c(cSpan);
        pa.position(0).put(a, aOff, aSpan);
        pb.position(0).put(b, bOff, bSpan);
        if (beta != 0f || ldc != n) pc.position(0).put(c, cOff, cSpan);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        pc.position(0).get(c, cOff, cSpan);
    }

    /** Floats from the first to the last element of a rows x cols matrix with row stride ld. */
    private static int span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
    }

    /** Three growable off-heap buffers owned by one thread. */
    private static final class Staging {
        private FloatPointer a = new FloatPointer(1);
        private FloatPointer b = new FloatPointer(1);
        private FloatPointer c = new FloatPointer(1);

        FloatPointer a(int n) {
            if (a.capacity() < n) a = grow(a, n);
            return a;
        }

        FloatPointer b(int n) {
            if (b.capacity() < n) b = grow(b, n);
            return b;
        }

        FloatPointer c(int n) {
            if (c.capacity() < n) c = grow(c, n);
            return c;
        }

        private static FloatPointer grow(FloatPointer old, int n) {
            old.close();
            return new FloatPointer(Math.max(n, 1024));
        }
    }
}
