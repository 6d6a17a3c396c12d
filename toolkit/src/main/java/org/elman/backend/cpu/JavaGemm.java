package org.elman.backend.cpu;

/**
 * Pure-Java GEMM: the reference and the fallback when no native BLAS loads. Operands are first
 * packed so the inner loop is a contiguous {@code c[i, :] += a[i, p] * b[p, :]} that the JIT
 * vectorises; rows of C are split over cores.
 */
final class JavaGemm implements Gemm {
    private static final int KC = 256;

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        float[] bp = packB(transB, k, n, b, bOff, ldb);
        Parallel.range(m, Math.max(1, 32768 / Math.max(1, n * Math.max(1, k) / 64 + 1)), (lo, hi) -> {
            float[] row = new float[n];
            float[] arow = new float[k];
            for (int i = lo; i < hi; i++) {
                for (int p = 0; p < k; p++) arow[p] = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                java.util.Arrays.fill(row, 0f);
                for (int p0 = 0; p0 < k; p0 += KC) {
                    int p1 = Math.min(k, p0 + KC);
                    for (int p = p0; p < p1; p++) {
                        float av = arow[p];
                        if (av == 0f) continue;
                        int bo = p * n;
                        for (int j = 0; j < n; j++) row[j] += av * bp[bo + j];
                    }
                }
                int co = cOff + i * ldc;
                if (beta == 0f) {
                    for (int j = 0; j < n; j++) c[co + j] = alpha * row[j];
                } else {
                    for (int j = 0; j < n; j++) c[co + j] = alpha * row[j] + beta * c[co + j];
                }
            }
        });
    }

    /** op(B) as a dense k x n row-major array. */
    private static float[] packB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        float[] bp = new float[k * n];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) bp[p * n + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }
        return bp;
    }
}
