package org.elman.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.elman.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/** The active GEMM (OpenBLAS when it loads) against a triple-loop reference and the Java GEMM. */
class GemmTest {
    private static float[] randomArray(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextFloat() * 2 - 1;
        return a;
    }

    /** The definition: C = alpha op(A) op(B) + beta C on strided row-major storage. */
    private static void reference(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int ao, int lda,
                                  float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = ta ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    float bv = tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
                    s += av * bv;
                }
                c[co + i * ldc + j] = (float) (alpha * s + beta * c[co + i * ldc + j]);
            }
        }
    }

    @Test
    void everyTransposeCombinationWithOffsetsAndStrides() {
        Backend[] backends = {Backends.current(), CpuBackend.javaOnly()};
        Random r = new Random(3);
        int[][] sizes = {{1, 1, 1}, {7, 5, 3}, {33, 65, 17}, {16, 1024, 256}};
        for (Backend be : backends) {
            for (int[] s : sizes) {
                for (int mode = 0; mode < 4; mode++) {
                    boolean ta = (mode & 1) != 0;
                    boolean tb = (mode & 2) != 0;
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    int lda = (ta ? m : k) + 2;
                    int ldb = (tb ? k : n) + 1;
                    int ldc = n + 3;
                    float[] a = randomArray(r, 5 + lda * (ta ? k : m));
                    float[] b = randomArray(r, 3 + ldb * (tb ? n : k));
                    float[] c = randomArray(r, 4 + ldc * m);
                    float[] expected = c.clone();
                    reference(ta, tb, m, n, k, 0.5f, a, 5, lda, b, 3, ldb, 0.25f, expected, 4, ldc);
                    be.gemm(ta, tb, m, n, k, 0.5f, a, 5, lda, b, 3, ldb, 0.25f, c, 4, ldc);
                    for (int i = 0; i < c.length; i++) {
                        assertEquals(expected[i], c[i], 1e-4 * Math.max(1, k), be.name() + " mode " + mode + " size " + m + "x" + n + "x" + k + " at " + i);
                    }
                }
            }
        }
    }
}
