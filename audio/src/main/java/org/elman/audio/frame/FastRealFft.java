package org.elman.audio.frame;

/**
 * Power spectrum of a real signal whose length {@code n} is a power of two (n >= 2), laid out so
 * that the JIT compiler turns most of the work into SIMD loops. It is the fast path of the feature
 * pipeline; {@link RealFft} (plain radix-2/4) is the reference it is tested against. Double
 * precision on purpose: a float transform was tried and loses the quiet bins of a clean tone
 * (power 1e-13 below the peak, several percent error), which the numpy reference tests catch.
 *
 * <p>Algorithm: the {@code n} real samples are packed as {@code N = n/2} complex values
 * {@code z[m] = x[2m] + i x[2m+1]} (done by the caller through {@link #re()}/{@link #im()}). The
 * complex FFT of length {@code N = R L} is a four-step FFT over an {@code R x L} row-major matrix
 * ({@code z[L n1 + n2]} at row {@code n1}, column {@code n2}):
 * <ol>
 *   <li>length-R DFTs down the columns: radix-2 decimation-in-frequency stages that pair whole rows,
 *       so each butterfly loop runs over contiguous memory (rows come out bit-reversed);</li>
 *   <li>twiddle {@code W_N^(n2 k1)} elementwise;</li>
 *   <li>transpose (the only scalar, strided pass);</li>
 *   <li>length-L DFTs down the columns of the transposed matrix, the same way.</li>
 * </ol>
 * Then {@code Z[k1 + R k2]} sits at row {@code rev(k2)}, column {@code k1}, and the real spectrum
 * is split out as {@code X[k] = E[k] + W_n^k O[k]} with {@code E, O} the transforms of the even and
 * odd samples, two bins (k and N-k) per step. Twiddles are precomputed. Every butterfly loop
 * indexes all its arrays with the loop variable plus a constant, and the common size n = 512 is
 * driven with literal constants, so HotSpot's superword pass vectorises those loops.
 *
 * <p>Instances hold workspace and are not thread-safe.
 */
public final class FastRealFft {
    private final int n;
    private final int half;
    private final int rows;
    private final int cols;
    private final double[] re;
    private final double[] im;
    private final double[] tre;
    private final double[] tim;
    private final double[][] pass1Re;
    private final double[][] pass1Im;
    private final double[][] pass2Re;
    private final double[][] pass2Im;
    private final double[] midRe;
    private final double[] midIm;
    private final int[] transposeFrom;
    private final int[] position;
    private final double[] splitCos;
    private final double[] splitSin;

    public FastRealFft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two >= 2, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        int bits = Integer.numberOfTrailingZeros(half);
        this.rows = 1 << (bits / 2);
        this.cols = half / rows;
        this.re = new double[half];
        this.im = new double[half];
        this.tre = new double[half];
        this.tim = new double[half];
        int stages1 = Integer.numberOfTrailingZeros(rows), stages2 = Integer.numberOfTrailingZeros(cols);
        this.pass1Re = new double[stages1][];
        this.pass1Im = new double[stages1][];
        stageTwiddles(pass1Re, pass1Im, cols);
        if (rows == cols) {            // square matrix: both passes use the same tables (less cache)
            this.pass2Re = pass1Re;
            this.pass2Im = pass1Im;
        } else {
            this.pass2Re = new double[stages2][];
            this.pass2Im = new double[stages2][];
            stageTwiddles(pass2Re, pass2Im, rows);
        }
        this.midRe = new double[half];
        this.midIm = new double[half];
        this.transposeFrom = new int[half];
        this.position = new int[half];
        for (int r = 0; r < rows; r++) {
            int k1 = reverse(r, rows);
            for (int c = 0; c < cols; c++) {
                double a = -2 * Math.PI * ((long) c * k1 % half) / half;
                midRe[r * cols + c] = Math.cos(a);
                midIm[r * cols + c] = Math.sin(a);
                transposeFrom[c * rows + k1] = r * cols + c;
            }
        }
        for (int k = 0; k < half; k++) position[k] = rows * reverse(k / rows, cols) + k % rows;
        this.splitCos = new double[half / 2 + 1];
        this.splitSin = new double[half / 2 + 1];
        for (int k = 0; k <= half / 2; k++) {
            splitCos[k] = Math.cos(2 * Math.PI * k / n);
            splitSin[k] = -Math.sin(2 * Math.PI * k / n);
        }
    }

    /**
     * Tables for the DIF stages over the rows of a matrix with {@code rowLen} columns: stage s pairs
     * rows h = R/2^(s+1) apart and multiplies the difference (stored in the upper row of the pair) by
     * {@code W_2h^j} (j = row offset within its group). The table is indexed by the element's
     * position, so every loop uses one index. The last stage (h = 1) has twiddle 1 and no table.
     */
    private void stageTwiddles(double[][] wr, double[][] wi, int rowLen) {
        int numRows = half / rowLen;
        for (int s = 0, h = numRows / 2; h > 1; s++, h >>= 1) {
            wr[s] = new double[half];
            wi[s] = new double[half];
            int span = h * rowLen;
            for (int t = 0; t < half; t++) {
                int j = (t % (2 * span)) / rowLen - h;
                if (j < 0) continue;
                wr[s][t] = Math.cos(Math.PI * j / h);
                wi[s][t] = -Math.sin(Math.PI * j / h);
            }
        }
    }

    private static int reverse(int k, int size) {
        int bits = Integer.numberOfTrailingZeros(size);
        return bits == 0 ? 0 : Integer.reverse(k) >>> (32 - bits);
    }

    /** The transform length. */
    public int size() {
        return n;
    }

    /** Workspace for the real parts of the packed input: {@code re()[m] = x[2m]}, m &lt; n/2. */
    public double[] re() {
        return re;
    }

    /** Workspace for the imaginary parts of the packed input: {@code im()[m] = x[2m+1]}. */
    public double[] im() {
        return im;
    }

    /** Packs {@code x[0..n)} into {@link #re()} and {@link #im()} (values past x.length are 0). */
    public void load(double[] x) {
        int len = Math.min(x.length, n);
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        for (int i = 0; i < len; i++) {
            if ((i & 1) == 0) re[i >> 1] = x[i];
            else im[i >> 1] = x[i];
        }
    }

    /**
     * Transforms the packed input in {@link #re()}/{@link #im()} (destroying it) and writes
     * {@code |X[k]|^2} for k = 0..n/2 into {@code out}.
     */
    public void powerSpectrum(double[] out) {
        if (out.length < half + 1) throw new IllegalArgumentException("output needs " + (half + 1) + " values");
        complexTransform();
        split(out);
    }

    private void complexTransform() {
        if (half == 256) {
            transform256();
            return;
        }
        for (int s = 0, h = rows / 2; h >= 1; s++, h >>= 1) stage(re, im, pass1Re[s], pass1Im[s], half, h * cols, cols);
        twiddleAndTranspose();
        for (int s = 0, h = cols / 2; h >= 1; s++, h >>= 1) stage(tre, tim, pass2Re[s], pass2Im[s], half, h * rows, rows);
    }

    /** n = 512: the same steps with literal sizes, so the stage loops get constant offsets. */
    private void transform256() {
        stage(re, im, pass1Re[0], pass1Im[0], 256, 128, 16);
        stage(re, im, pass1Re[1], pass1Im[1], 256, 64, 16);
        stage(re, im, pass1Re[2], pass1Im[2], 256, 32, 16);
        stage(re, im, pass1Re[3], pass1Im[3], 256, 16, 16);
        twiddleAndTranspose();
        stage(tre, tim, pass2Re[0], pass2Im[0], 256, 128, 16);
        stage(tre, tim, pass2Re[1], pass2Im[1], 256, 64, 16);
        stage(tre, tim, pass2Re[2], pass2Im[2], 256, 32, 16);
        stage(tre, tim, pass2Re[3], pass2Im[3], 256, 16, 16);
    }

    /**
     * One radix-2 DIF stage: pairs (t, t+span) in groups of 2*span, the difference times the
     * twiddle. Two small loops rather than one, because HotSpot only vectorises small loop bodies;
     * the last stage of a pass (twiddles all 1, {@code wr == null}) skips the multiply, and so does
     * the first row of each group ({@code skip} = row length; its twiddle is 1).
     */
    private static void stage(double[] re, double[] im, double[] wr, double[] wi, int total, int span, int skip) {
        for (int g = 0; g < total; g += 2 * span) {
            for (int t = g; t < g + span; t++) {
                double ur = re[t], ui = im[t], vr = re[t + span], vi = im[t + span];
                re[t] = ur + vr;
                im[t] = ui + vi;
                re[t + span] = ur - vr;
                im[t + span] = ui - vi;
            }
            if (wr == null) continue;
            for (int t = g + span + skip; t < g + 2 * span; t++) {
                double dr = re[t], di = im[t], c = wr[t], s = wi[t];
                re[t] = dr * c - di * s;
                im[t] = dr * s + di * c;
            }
        }
    }

    private void twiddleAndTranspose() {
        for (int t = 0; t < half; t++) {
            double a = re[t], b = im[t], c = midRe[t], s = midIm[t];
            re[t] = a * c - b * s;
            im[t] = a * s + b * c;
        }
        for (int t = 0; t < half; t++) {
            int from = transposeFrom[t];
            tre[t] = re[from];
            tim[t] = im[from];
        }
    }

    /** {@code X[k] = E + W^k O} and {@code X[N-k] = conj(E - W^k O)} from Z[k] and Z[N-k]. */
    private void split(double[] out) {
        double z0r = tre[position[0]], z0i = tim[position[0]];
        out[0] = (z0r + z0i) * (z0r + z0i);
        out[half] = (z0r - z0i) * (z0r - z0i);
        for (int k = 1; k < half / 2; k++) {
            int p = position[k], q = position[half - k];
            double zr = tre[p], zi = tim[p], cr = tre[q], ci = -tim[q];
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
            double or = 0.5 * (zi - ci), oi = -0.5 * (zr - cr);
            double wr = splitCos[k], wi = splitSin[k];
            double tr = wr * or - wi * oi, ti = wr * oi + wi * or;
            out[k] = (er + tr) * (er + tr) + (ei + ti) * (ei + ti);
            out[half - k] = (er - tr) * (er - tr) + (ei - ti) * (ei - ti);
        }
        if (half >= 2) {
            int p = position[half / 2];
            out[half / 2] = tre[p] * tre[p] + tim[p] * tim[p];
        }
    }
}
