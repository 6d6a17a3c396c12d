package org.elman.audio.feature;

/** DCT-II matrices and cepstral liftering. */
public final class Dct {
    private Dct() {
    }

    /**
     * The first {@code rows} rows of the orthonormal DCT-II of size {@code n}:
     * {@code D[k][m] = s_k cos(pi k (m + 0.5) / n)}, {@code s_0 = sqrt(1/n)}, {@code s_k = sqrt(2/n)}
     * (scipy {@code dct(type=2, norm='ortho')}, Kaldi's {@code ComputeDctMatrix}).
     */
    public static double[][] orthonormalMatrix(int rows, int n) {
        if (rows < 1 || rows > n) throw new IllegalArgumentException("DCT rows must be in 1.." + n + ", got " + rows);
        double[][] d = new double[rows][n];
        for (int k = 0; k < rows; k++) {
            double s = Math.sqrt((k == 0 ? 1.0 : 2.0) / n);
            for (int m = 0; m < n; m++) d[k][m] = s * Math.cos(Math.PI * k * (m + 0.5) / n);
        }
        return d;
    }

    /** Lifter weights {@code 1 + (Q/2) sin(pi k / Q)}, or all ones when {@code q == 0}. */
    public static double[] lifter(int n, double q) {
        double[] w = new double[n];
        for (int k = 0; k < n; k++) w[k] = q == 0 ? 1.0 : 1.0 + 0.5 * q * Math.sin(Math.PI * k / q);
        return w;
    }
}
