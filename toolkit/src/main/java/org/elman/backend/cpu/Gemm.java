package org.elman.backend.cpu;

/** A single-precision row-major GEMM implementation (see {@link org.elman.backend.Backend#gemm}). */
interface Gemm {
    String name();

    /** More about the implementation for the backend's log line, e.g. " (Cooperlake kernels)"; may be empty. */
    default String detail() {
        return "";
    }

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);
}
