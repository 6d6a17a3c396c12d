package org.elman.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.elman.backend.cpu.LstmStepGemm;
import org.elman.backend.cpu.RnnKernels;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The staged recurrent product (several OpenBLAS column blocks for the larger shapes) and the Java GEMV, against loops. */
class LstmRecurrentGemmTest {
    @ParameterizedTest
    @CsvSource({"1,4,3", "16,512,128", "5,1024,256", "1,1024,336", "3,7,300"})
    void stagedProductsMatchPlainLoops(int m, int rows, int cols) {
        Random r = new Random(m * 31 + rows);
        float[] w = rand(r, 5 + rows * cols);
        float[] a = rand(r, m * cols);
        float[] aT = rand(r, m * rows);
        float[] c1 = rand(r, m * rows);
        float[] c2 = rand(r, m * cols);
        float[] e1 = c1.clone();
        float[] e2 = c2.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < rows; j++) {
                double s = 0;
                for (int k = 0; k < cols; k++) s += a[i * cols + k] * w[5 + j * cols + k];
                e1[i * rows + j] = (float) (s + e1[i * rows + j]);
            }
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int k = 0; k < rows; k++) s += aT[i * rows + k] * w[5 + k * cols + j];
                e2[i * cols + j] = (float) s;
            }
        }
        try (RnnKernelsGemm g = RnnKernelsGemm.stage(w, 5, rows, cols)) {
            g.timesTransposed(m, a, 0, 1f, c1, 0);
            g.times(m, aT, 0, 0f, c2, 0);
        }
        for (int i = 0; i < e1.length; i++) assertEquals(e1[i], c1[i], 1e-4 * Math.max(1, Math.abs(e1[i])), "W^T product at " + i);
        for (int i = 0; i < e2.length; i++) assertEquals(e2[i], c2[i], 1e-4 * Math.max(1, Math.abs(e2[i])), "W product at " + i);
        if (m == 1) {
            float[] v = rand(new Random(3), rows);
            float[] ev = v.clone();
            for (int j = 0; j < rows; j++) {
                double sum = 0;
                for (int k = 0; k < cols; k++) sum += a[k] * w[5 + j * cols + k];
                ev[j] = (float) (sum + 0.5 * v[j]);
            }
            try (RnnKernelsGemm g = RnnKernelsGemm.stage(w, 5, rows, cols)) {
                g.timesVector(a, 0, 0.5f, v, 0);
            }
            for (int j = 0; j < rows; j++) assertEquals(ev[j], v[j], 1e-4 * Math.max(1, Math.abs(ev[j])), "W x at " + j);
            float[] y = new float[rows];
            RnnKernels.gemvTransposedAdd(cols, rows, a, 0, RnnKernels.transpose(w, 5, rows, cols), y);
            for (int j = 0; j < rows; j++) {
                double s = 0;
                for (int k = 0; k < cols; k++) s += a[k] * w[5 + j * cols + k];
                assertEquals(s, y[j], 1e-4 * Math.max(1, Math.abs(s)), "Java GEMV at " + j);
            }
        }
    }

    /** The LSTM step products with gathered rows (reversed order here) and gate-split results, against loops. */
    @ParameterizedTest
    @CsvSource({"3,5", "16,64", "1,7"})
    void lstmStepProductsMatchPlainLoops(int n, int hid) {
        Random r = new Random(n * 7 + hid);
        int g4 = 4 * hid;
        float[] w = rand(r, 3 + g4 * hid);
        float[] h = rand(r, 2 + n * hid);
        float[] xp = rand(r, 2 * n * g4);
        float[] dy = rand(r, 1 + 2 * n * hid);
        int[] rows = new int[2 * n];
        for (int b = 0; b < n; b++) {
            rows[n + b] = n - 1 - b; // step 1 reads rows of block 0 in reverse
            rows[b] = n + b;
        }
        float[][] gates = new float[4][1 + n * hid];
        float[] dh = new float[n * hid];
        try (LstmStepGemm g = new LstmStepGemm(w, 3, hid, n)) {
            g.gates(n, h, 2, xp, rows, n, gates[0], gates[1], gates[2], gates[3], 1);
            g.hiddenGradient(n, xp, rows, n, dy, 1, rows, 0, dh, 0);
        }
        for (int b = 0; b < n; b++) {
            int xr = rows[n + b];
            for (int o = 0; o < g4; o++) {
                double s = xp[xr * g4 + o];
                for (int k = 0; k < hid; k++) s += h[2 + b * hid + k] * w[3 + o * hid + k];
                assertEquals(s, gates[o / hid][1 + b * hid + o % hid], 1e-4 * Math.max(1, Math.abs(s)), "gate " + o + " of row " + b);
            }
            for (int k = 0; k < hid; k++) {
                double s = dy[1 + rows[b] * hid + k];
                for (int o = 0; o < g4; o++) s += xp[xr * g4 + o] * w[3 + o * hid + k];
                assertEquals(s, dh[b * hid + k], 1e-4 * Math.max(1, Math.abs(s)), "dh " + k + " of row " + b);
            }
        }
    }

    /**
     * The input projection held by LstmStepGemm (split over the cores for the largest case) and the
     * step gates read from it, for rows in order (in place) and gathered in reverse, against loops.
     */
    @ParameterizedTest
    @CsvSource({"3,5,4,2", "16,64,256,3", "1,7,3,4"})
    void projectedGatesMatchPlainLoops(int n, int hid, int f, int steps) {
        Random r = new Random(n * 5 + hid + f);
        int g4 = 4 * hid;
        float[] w = rand(r, 3 + g4 * hid);
        float[] wIh = rand(r, 1 + g4 * f);
        float[] x = rand(r, 2 + steps * n * f);
        float[] h = rand(r, n * hid);
        int[] rows = new int[steps * n];
        for (int s = 0; s < steps; s++) {
            for (int b = 0; b < n; b++) rows[s * n + b] = s % 2 == 0 ? s * n + b : s * n + n - 1 - b;
        }
        float[][] gates = new float[4][n * hid];
        try (LstmStepGemm g = new LstmStepGemm(w, 3, hid, n)) {
            g.projectInput(steps * n, x, 2, f, wIh, 1);
            for (int s = 0; s < steps; s++) {
                g.projectedGates(n, h, 0, rows, s * n, gates[0], gates[1], gates[2], gates[3], 0);
                for (int b = 0; b < n; b++) {
                    int xr = rows[s * n + b];
                    for (int o = 0; o < g4; o++) {
                        double e = 0;
                        for (int k = 0; k < f; k++) e += x[2 + xr * f + k] * wIh[1 + o * f + k];
                        for (int k = 0; k < hid; k++) e += h[b * hid + k] * w[3 + o * hid + k];
                        float got = gates[o / hid][b * hid + o % hid];
                        assertEquals(e, got, 1e-4 * Math.max(1, Math.abs(e)), "step " + s + " gate " + o + " of row " + b);
                    }
                }
            }
        }
    }

    private static float[] rand(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }
}
