package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-step joined product {@code [x_t, h] [W_ih, W_hh]^T} against loops: rows read in a
 * scrambled order, a part stepping the second half of the batch on the owner's weights, and F + H
 * above 512 (the column blocks are then multiplied in two k chunks); and where the path applies.
 */
class LstmJointGemmTest {
    @ParameterizedTest
    @CsvSource({"3,5,4,2", "16,128,80,3", "1,7,3,4", "4,250,300,2"})
    void stepGatesMatchPlainLoops(int n, int hid, int f, int steps) {
        org.junit.jupiter.api.Assumptions.assumeTrue(RnnKernelsGemm.offHeap(), "OpenBLAS did not load");
        Random r = new Random(n * 7 + hid + f);
        int g4 = 4 * hid;
        float[] wIh = rand(r, 2 + g4 * f);
        float[] wHh = rand(r, 3 + g4 * hid);
        float[] x = rand(r, 1 + steps * n * f);
        float[] h = rand(r, 2 * n * hid);
        int[] rows = scrambled(r, steps * n);
        float[][] gates = new float[4][n * hid];
        int half = n / 2;
        try (LstmJointGemm g = new LstmJointGemm(wIh, 2, wHh, 3, f, hid, n, x, 1, rows);
             LstmJointGemm part = new LstmJointGemm(g, n - half)) {
            for (int s = 0; s < steps; s++) {
                if (half > 0) g.stepGates(half, h, 5, s * n, gates[0], gates[1], gates[2], gates[3], 0);
                part.stepGates(n - half, h, 5 + half * hid, s * n + half, gates[0], gates[1], gates[2], gates[3], half * hid);
                for (int b = 0; b < n; b++) {
                    GateLoops.assertRow(gates, b, hid, x, 1, rows[s * n + b], f, wIh, 2, h, 5, wHh, 3, "step " + s);
                }
            }
        }
    }

    /** The one-pass transpose into column blocks equals the blocks of the plain transposes stacked along k (a narrower last block included). */
    @ParameterizedTest
    @CsvSource({"200,7,5", "64,3,64", "1,1,1", "130,70,9"})
    void transposedBlocksEqualBlocksOfTheTranspose(int rows, int colsA, int colsB) {
        Random r = new Random(rows + colsA * 3 + colsB);
        float[] a = rand(r, 3 + rows * colsA);
        float[] b = rand(r, rows * colsB);
        int k = colsA + colsB;
        float[] stacked = new float[k * rows];
        System.arraycopy(RnnKernels.transpose(a, 3, rows, colsA), 0, stacked, 0, colsA * rows);
        System.arraycopy(RnnKernels.transpose(b, 0, rows, colsB), 0, stacked, colsA * rows, colsB * rows);
        float[] got = new float[k * rows];
        SmallGemm.transposedBlocksInto(a, 3, rows, colsA, got, k, 0);
        SmallGemm.transposedBlocksInto(b, 0, rows, colsB, got, k, colsA);
        org.junit.jupiter.api.Assertions.assertArrayEquals(SmallGemm.columnBlocks(stacked, k, rows), got);
    }

    @Test
    void appliesToSmallJoinedWeightsWithEnoughRowsOnOpenBlasOnly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(RnnKernelsGemm.offHeap(), "OpenBLAS did not load: the joined path never applies");
        assertTrue(LstmJointGemm.applies(80, 128, 16));
        assertTrue(LstmJointGemm.applies(256, 128, LstmJointGemm.MIN_ROWS));
        assertFalse(LstmJointGemm.applies(256, 128, LstmJointGemm.MIN_ROWS - 1), "too few rows per read of the weights");
        assertTrue(LstmJointGemm.applies(384, 128, 16), "exactly MAX_BYTES");
        assertFalse(LstmJointGemm.applies(385, 128, 16), "one input column more");
        assertFalse(LstmJointGemm.applies(80, 256, 16), "1.4 MB of joined weights");
        Backend previous = Backends.current();
        Backends.use(CpuBackend.javaOnly());
        try {
            assertFalse(LstmJointGemm.applies(80, 128, 16), "needs OpenBLAS");
        } finally {
            Backends.use(previous);
        }
    }

    /** A permutation of 0..n-1 (a sequence read backwards within uneven lengths looks like this). */
    private static int[] scrambled(Random r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static float[] rand(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextFloat() * 2 - 1;
        return a;
    }
}
