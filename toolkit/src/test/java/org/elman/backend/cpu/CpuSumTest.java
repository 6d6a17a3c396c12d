package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The whole-array sum (eight running sums per part, parts over the cores) against an exact sum. */
class CpuSumTest {
    private static double exact(float[] x, int off, int n) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = off; i < off + n; i++) s = s.add(new BigDecimal(x[i]));
        return s.doubleValue();
    }

    @Test
    void sumsEveryElementOnceForAwkwardLengthsAndOffsets() {
        Random r = new Random(7);
        float[] x = new float[1_000_010];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian() * (1 + i % 13);
        CpuBackend cpu = CpuBackend.javaOnly();
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 17, 32_768, 98_311, 1_000_003}) {
            for (int off : new int[] {0, 3}) {
                double want = exact(x, off, n);
                double got = cpu.sum(x, off, n);
                assertEquals(want, got, 1e-9 * Math.max(1, Math.abs(want)) + 1e-6, "n " + n + ", offset " + off);
                assertEquals(want, Kernels.sum(x, off, n), 1e-9 * Math.max(1, Math.abs(want)) + 1e-6, "one part, n " + n);
                assertEquals(got, cpu.sum(x, off, n), 0.0, "the same result on every call");
            }
        }
        float[] marked = new float[9];
        marked[8] = 1f; // only the tail element after the rounds of eight
        assertEquals(1.0, Kernels.sum(marked, 0, 9), 0.0);
        assertEquals(0.0, Kernels.sum(marked, 0, 8), 0.0);
    }
}
