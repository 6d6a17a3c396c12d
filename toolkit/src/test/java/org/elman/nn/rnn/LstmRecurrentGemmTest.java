package org.elman.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.elman.backend.cpu.GateLoops;
import org.elman.backend.cpu.LstmStepGemm;
import org.elman.backend.cpu.RnnKernels;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The staged recurrent product (column blocks of W or W^T below 512 columns, with k chunks for the
 * larger shapes; the plain W at 512) and the Java GEMV, against loops.
 */
class LstmRecurrentGemmTest {
    @ParameterizedTest
    @CsvSource({"1,4,3", "16,512,128", "5,1024,256", "1,1024,336", "3,7,300", "4,600,96", "2,1536,512", "16,1536,512"})
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

    /**
     * The LSTM step products against loops: the gates from an input projection made with its rows
     * reversed, gate-split; the gradient of h from gathered rows (reversed order here). H = 5 to
     * 256 take the blocked {@code W_hh^T} (one block, several, a narrower last one), 512 the
     * transposed product on {@code W_hh}.
     */
    @ParameterizedTest
    @CsvSource({"3,5", "16,64", "1,7", "4,100", "2,256", "2,512"})
    void lstmStepProductsMatchPlainLoops(int n, int hid) {
        Random r = new Random(n * 7 + hid);
        int g4 = 4 * hid;
        int f = 3;
        float[] w = rand(r, 3 + g4 * hid);
        float[] wIh = rand(r, g4 * f);
        float[] x = rand(r, n * f);
        float[] h = rand(r, 2 + n * hid);
        float[] dG = rand(r, 2 * n * g4);
        float[] dy = rand(r, 1 + 2 * n * hid);
        int[] rows = new int[2 * n];
        for (int b = 0; b < n; b++) {
            rows[n + b] = n - 1 - b; // step 1 reads rows of block 0 in reverse
            rows[b] = n + b;
        }
        float[][] gates = new float[4][n * hid];
        float[] dh = new float[n * hid];
        try (LstmStepGemm g = new LstmStepGemm(w, 3, hid, n)) {
            g.projectInput(n, x, 0, f, wIh, 0, java.util.Arrays.copyOfRange(rows, n, 2 * n));
            g.stepGates(n, h, 2, 0, gates[0], gates[1], gates[2], gates[3], 0);
            g.hiddenGradient(n, dG, rows, n, dy, 1, rows, 0, dh, 0);
        }
        for (int b = 0; b < n; b++) {
            GateLoops.assertRow(gates, b, hid, x, 0, rows[n + b], f, wIh, 0, h, 2, w, 3, "gates");
            int dr = rows[n + b];
            for (int k = 0; k < hid; k++) {
                double s = dy[1 + rows[b] * hid + k];
                for (int o = 0; o < g4; o++) s += dG[dr * g4 + o] * w[3 + o * hid + k];
                assertEquals(s, dh[b * hid + k], 1e-4 * Math.max(1, Math.abs(s)), "dh " + k + " of row " + b);
            }
        }
    }

    /**
     * The input projection held by LstmStepGemm (split over the cores for the largest case) and the
     * step gates read consecutively from it, against loops: made in place, or with its rows in a
     * given order (as a direction read backwards does); on OpenBLAS and pure Java.
     */
    @ParameterizedTest
    @CsvSource({"3,5,4,2,false,false", "16,64,256,3,false,false", "1,7,3,4,false,false",
        "3,5,4,3,true,false", "16,64,256,3,true,false", "2,3,7,4,true,true", "2,3,7,4,false,true"})
    void projectedStepGatesMatchPlainLoops(int n, int hid, int f, int steps, boolean ordered, boolean javaOnly) {
        org.elman.backend.Backend previous = org.elman.backend.Backends.current();
        if (javaOnly) org.elman.backend.Backends.use(org.elman.backend.cpu.CpuBackend.javaOnly());
        try {
            checkProjectedGates(n, hid, f, steps, ordered);
        } finally {
            org.elman.backend.Backends.use(previous);
        }
    }

    private static void checkProjectedGates(int n, int hid, int f, int steps, boolean ordered) {
        Random r = new Random(n * 5 + hid + f);
        float[] w = rand(r, 3 + 4 * hid * hid);
        float[] wIh = rand(r, 1 + 4 * hid * f);
        float[] x = rand(r, 2 + steps * n * f);
        float[] h = rand(r, n * hid);
        int[] rows = new int[steps * n];
        for (int s = 0; s < steps; s++) {
            for (int b = 0; b < n; b++) {
                rows[s * n + b] = ordered ? (b % 2 == 0 ? steps - 1 - s : s) * n + b : s * n + b;
            }
        }
        float[][] gates = new float[4][n * hid];
        try (LstmStepGemm g = new LstmStepGemm(w, 3, hid, n)) {
            g.projectInput(steps * n, x, 2, f, wIh, 1, ordered ? rows : null);
            for (int s = 0; s < steps; s++) {
                g.stepGates(n, h, 0, s * n, gates[0], gates[1], gates[2], gates[3], 0);
                for (int b = 0; b < n; b++) {
                    GateLoops.assertRow(gates, b, hid, x, 2, rows[s * n + b], f, wIh, 1, h, 0, w, 3, "step " + s);
                }
            }
        }
    }

    /**
     * The held gate gradients (rows written out of order, one zeroed) and the products read from
     * them: dh in place and gathered, dW_hh, dW_ih, dX; against loops, on OpenBLAS and pure Java.
     */
    @ParameterizedTest
    @CsvSource({"3,5,4,true", "16,64,256,true", "2,3,7,false"})
    void heldGateGradientProductsMatchPlainLoops(int n, int hid, int f, boolean javaOnly) {
        org.elman.backend.Backend previous = org.elman.backend.Backends.current();
        if (javaOnly) org.elman.backend.Backends.use(org.elman.backend.cpu.CpuBackend.javaOnly());
        try {
            checkHeldProducts(n, hid, f);
        } finally {
            org.elman.backend.Backends.use(previous);
        }
    }

    private static void checkHeldProducts(int n, int hid, int f) {
        Random r = new Random(n + 3 * hid + f);
        int g4 = 4 * hid;
        int rows = 2 * n;
        float[] w = rand(r, 1 + g4 * hid);
        float[] wIh = rand(r, 2 + g4 * f);
        float[] x = rand(r, 3 + rows * f);
        float[] dG = rand(r, rows * g4);
        float[] hp = rand(r, rows * hid);
        float[] dy = rand(r, rows * hid);
        java.util.Arrays.fill(dG, g4, 2 * g4, 0f); // row 1 is a padded step
        java.util.Arrays.fill(hp, hid, 2 * hid, 0f);
        float[][] gate = new float[4][rows * hid];
        for (int row = 0; row < rows; row++) {
            for (int q = 0; q < 4; q++) System.arraycopy(dG, row * g4 + q * hid, gate[q], row * hid, hid);
        }
        int[] order = new int[rows];
        for (int b = 0; b < rows; b++) order[b] = b < n ? n - 1 - b : b; // first block reversed, second in order
        float[] dhGathered = new float[n * hid];
        float[] dhInPlace = new float[n * hid];
        float[] dwHh = new float[g4 * hid];
        float[] dwIh = new float[g4 * f];
        float[] dx = new float[rows * f];
        try (LstmStepGemm rec = new LstmStepGemm(w, 1, hid, n);
             org.elman.backend.cpu.LstmGateGradients held = new org.elman.backend.cpu.LstmGateGradients(rows, f, hid)) {
            held.putHidden(hp, 0);
            for (int row = rows - 1; row >= 0; row--) {
                if (row == 1) {
                    held.zero(row);
                } else {
                    held.put(row, gate[0], gate[1], gate[2], gate[3], row * hid);
                }
            }
            rec.hiddenGradient(n, held, order, 0, dy, 0, order, n, dhGathered, 0);
            rec.hiddenGradient(n, held, order, n, null, 0, null, 0, dhInPlace, 0);
            held.weightGradients(x, 3, dwIh, dwHh);
            held.inputGradient(wIh, 2, dx);
        }
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < hid; k++) {
                double e1 = dy[order[n + b] * hid + k];
                double e2 = 0;
                for (int o = 0; o < g4; o++) {
                    e1 += dG[order[b] * g4 + o] * w[1 + o * hid + k];
                    e2 += dG[order[n + b] * g4 + o] * w[1 + o * hid + k];
                }
                assertEquals(e1, dhGathered[b * hid + k], 1e-4 * Math.max(1, Math.abs(e1)), "gathered dh " + k + " of row " + b);
                assertEquals(e2, dhInPlace[b * hid + k], 1e-4 * Math.max(1, Math.abs(e2)), "in-place dh " + k + " of row " + b);
            }
        }
        for (int o = 0; o < g4; o++) {
            for (int k = 0; k < Math.max(hid, f); k++) {
                double eh = 0;
                double ei = 0;
                for (int row = 0; row < rows; row++) {
                    if (k < hid) eh += dG[row * g4 + o] * hp[row * hid + k];
                    if (k < f) ei += dG[row * g4 + o] * x[3 + row * f + k];
                }
                if (k < hid) assertEquals(eh, dwHh[o * hid + k], 1e-4 * Math.max(1, Math.abs(eh)), "dW_hh " + o + "," + k);
                if (k < f) assertEquals(ei, dwIh[o * f + k], 1e-4 * Math.max(1, Math.abs(ei)), "dW_ih " + o + "," + k);
            }
        }
        for (int row = 0; row < rows; row++) {
            for (int k = 0; k < f; k++) {
                double e = 0;
                for (int o = 0; o < g4; o++) e += dG[row * g4 + o] * wIh[2 + o * f + k];
                assertEquals(e, dx[row * f + k], 1e-4 * Math.max(1, Math.abs(e)), "dX " + row + "," + k);
            }
        }
    }

    /** The batch-1 step product W [x; h], gate-split, against a loop (OpenBLAS and pure Java). */
    @ParameterizedTest
    @CsvSource({"5,3,true", "80,256,false", "2,7,false"})
    void stepGemvMatchesPlainLoop(int f, int hid, boolean javaOnly) {
        org.elman.backend.Backend previous = org.elman.backend.Backends.current();
        if (javaOnly) org.elman.backend.Backends.use(org.elman.backend.cpu.CpuBackend.javaOnly());
        try {
            Random r = new Random(f + hid);
            int k = f + hid;
            float[] w = rand(r, 4 + 4 * hid * k);
            float[] x = rand(r, 1 + f);
            float[] h = rand(r, 2 + hid);
            float[][] gates = new float[4][hid];
            try (org.elman.backend.cpu.LstmStepGemv g = new org.elman.backend.cpu.LstmStepGemv(w, 4, 4 * hid, k)) {
                g.gates(x, 1, f, h, 2, gates[0], gates[1], gates[2], gates[3]);
            }
            for (int o = 0; o < 4 * hid; o++) {
                double e = 0;
                for (int j = 0; j < f; j++) e += w[4 + o * k + j] * x[1 + j];
                for (int j = 0; j < hid; j++) e += w[4 + o * k + f + j] * h[2 + j];
                assertEquals(e, gates[o / hid][o % hid], 1e-4 * Math.max(1, Math.abs(e)), "gate " + o);
            }
        } finally {
            org.elman.backend.Backends.use(previous);
        }
    }

    private static float[] rand(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }
}
