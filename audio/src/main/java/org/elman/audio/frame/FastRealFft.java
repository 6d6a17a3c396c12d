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
 *       so each butterfly loop runs over contiguous memory, the last two stages fused into one
 *       radix-4 sweep (rows come out bit-reversed);</li>
 *   <li>twiddle {@code W_N^(n2 k1)} elementwise;</li>
 *   <li>transpose, row by row with a strided store (scalar);</li>
 *   <li>length-L DFTs down the columns of the transposed matrix, the same way.</li>
 * </ol>
 * Then {@code Z[k1 + R k2]} sits at row {@code rev(k2)}, column {@code k1}, and the real spectrum
 * is split out as {@code X[k] = E[k] + W_n^k O[k]} with {@code E, O} the transforms of the even and
 * odd samples, two bins (k and N-k) per step, walking the rows (scalar: the partner N-k runs
 * backwards). Twiddles are precomputed. Every butterfly loop indexes all its arrays with the loop
 * variable plus a constant, and the common size n = 512 is driven with literal constants, so
 * HotSpot's superword pass vectorises those loops (it does not when an index has a run-time
 * offset, and does poorly on loops shorter than about 32 elements, which is why the short
 * last stages are fused).
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
    /** Frequency k1 held by row r after the first pass (bit reversal). */
    private final int[] rowFreq;
    /** Row of the transposed matrix that holds frequency k2 after the second pass. */
    private final int[] rowOrder;
    private final double[] splitCos;
    private final double[] splitSin;
    /** Split workspace, indexed by bin k &lt; N/2: 2E, 2O (then 2 W^k O) and the upper bins' powers. */
    private final double[] evenRe;
    private final double[] evenIm;
    private final double[] oddRe;
    private final double[] oddIm;
    private final double[] upper;

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
        this.rowFreq = new int[rows];
        this.rowOrder = new int[cols];
        for (int r = 0; r < rows; r++) {
            int k1 = reverse(r, rows);
            for (int c = 0; c < cols; c++) {
                double a = -2 * Math.PI * ((long) c * k1 % half) / half;
                midRe[r * cols + c] = Math.cos(a);
                midIm[r * cols + c] = Math.sin(a);
                rowFreq[r] = k1;
            }
        }
        for (int k2 = 0; k2 < cols; k2++) rowOrder[k2] = reverse(k2, cols);
        this.evenRe = new double[half / 2 + 1];
        this.evenIm = new double[half / 2 + 1];
        this.oddRe = new double[half / 2 + 1];
        this.oddIm = new double[half / 2 + 1];
        this.upper = new double[half / 2 + 1];
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
     * position, so every loop uses one index. Only stages with h >= 4 get a table: the stages with
     * h = 2 and h = 1 of a pass of 4 or more rows are {@link #lastTwoStages}, and a lone h = 1
     * stage has twiddle 1.
     */
    private void stageTwiddles(double[][] wr, double[][] wi, int rowLen) {
        int numRows = half / rowLen;
        for (int s = 0, h = numRows / 2; h > 2; s++, h >>= 1) {
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
        pass(re, im, pass1Re, pass1Im, rows, cols);
        twiddleAndTranspose();
        pass(tre, tim, pass2Re, pass2Im, cols, rows);
    }

    /** Length-{@code numRows} DFTs down the columns: radix-2 stages, the last two fused into one radix-4. */
    private void pass(double[] re, double[] im, double[][] wr, double[][] wi, int numRows, int rowLen) {
        int s = 0, h = numRows / 2;
        for (; h >= 4 || h == 1; s++, h >>= 1) stage(re, im, wr[s], wi[s], half, h * rowLen, rowLen);
        if (h == 2) lastTwoStages(re, im, half, rowLen);
    }

    /** n = 512: the same steps with literal sizes, so the stage loops get constant offsets. */
    private void transform256() {
        stage(re, im, pass1Re[0], pass1Im[0], 256, 128, 16);
        stage(re, im, pass1Re[1], pass1Im[1], 256, 64, 16);
        lastTwoStages(re, im, 256, 16);
        twiddleAndTranspose();
        stage(tre, tim, pass2Re[0], pass2Im[0], 256, 128, 16);
        stage(tre, tim, pass2Re[1], pass2Im[1], 256, 64, 16);
        lastTwoStages(tre, tim, 256, 16);
    }

    /**
     * The last two radix-2 DIF stages of a pass (rows 2 apart with twiddle {@code -i} on the odd
     * row, then adjacent rows) as one radix-4 butterfly over each group of four rows
     * {@code a, b, c, d}: {@code Y0 = a+b+c+d, Y2 = a-b+c-d, Y1 = (a-c) - i(b-d), Y3 = (a-c) + i(b-d)},
     * stored bit-reversed (Y0, Y2, Y1, Y3) as the two stages would. One sweep instead of two, and the
     * {@code -i} is exact.
     */
    private static void lastTwoStages(double[] re, double[] im, int total, int rowLen) {
        for (int g = 0; g < total; g += 4 * rowLen) {
            for (int t = g; t < g + rowLen; t++) {
                double ar = re[t], ai = im[t], br = re[t + rowLen], bi = im[t + rowLen];
                double cr = re[t + 2 * rowLen], ci = im[t + 2 * rowLen], dr = re[t + 3 * rowLen], di = im[t + 3 * rowLen];
                double t0r = ar + cr, t0i = ai + ci, t1r = ar - cr, t1i = ai - ci;
                double t2r = br + dr, t2i = bi + di, t3r = br - dr, t3i = bi - di;
                re[t] = t0r + t2r;
                im[t] = t0i + t2i;
                re[t + rowLen] = t0r - t2r;
                im[t + rowLen] = t0i - t2i;
                re[t + 2 * rowLen] = t1r + t3i;
                im[t + 2 * rowLen] = t1i - t3r;
                re[t + 3 * rowLen] = t1r - t3i;
                im[t + 3 * rowLen] = t1i + t3r;
            }
        }
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

    /**
     * The twiddles, then the transpose: row r of the first pass's output (frequency k1 = rev(r))
     * becomes column k1, read in order and written with stride {@code rows}; no index table.
     */
    private void twiddleAndTranspose() {
        twiddle();
        for (int r = 0; r < rows; r++) {
            int from = r * cols, to = rowFreq[r];
            for (int c = 0; c < cols; c++, to += rows) {
                tre[to] = re[from + c];
                tim[to] = im[from + c];
            }
        }
    }

    /** The twiddles between the passes, {@code W_N^(n2 k1)}, elementwise. */
    private void twiddle() {
        for (int t = 0; t < half; t++) {
            double a = re[t], b = im[t], c = midRe[t], s = midIm[t];
            re[t] = a * c - b * s;
            im[t] = a * s + b * c;
        }
    }

    /**
     * {@code X[k] = E + W^k O} and {@code X[N-k] = conj(E - W^k O)} from Z[k] and Z[N-k], where
     * {@code Z[k1 + R k2]} sits at {@code tre[R rev(k2) + k1]}: walked row by row (no per-bin index
     * lookups), with the factors 1/2 of E and O moved out as one exact 1/4 on the power.
     */
    private void split(double[] out) {
        double z0r = tre[0], z0i = tim[0];
        out[0] = (z0r + z0i) * (z0r + z0i);
        out[half] = (z0r - z0i) * (z0r - z0i);
        int r = rows, quarter = half / 2;
        for (int k2 = 0; k2 * r < quarter; k2++) {
            int p0 = r * rowOrder[k2];
            if (k2 > 0) bins(out, k2 * r, p0, r * rowOrder[cols - k2]);
            int q0 = r * rowOrder[cols - 1 - k2] + r;
            for (int k1 = 1; k1 < r && k2 * r + k1 < quarter; k1++) bins(out, k2 * r + k1, p0 + k1, q0 - k1);
        }
        powers(out, quarter);
        if (half >= 2) {
            int p = position(quarter);
            out[quarter] = tre[p] * tre[p] + tim[p] * tim[p];
        }
    }

    /**
     * Bins k and N-k from Z[k] at p and Z[N-k] at q, in three steps: here (scalar, gathering) the
     * sums and differences {@code 2E, 2O} into arrays indexed by k; then {@link #powers} over all k
     * at once; then the upper bins are reversed into place.
     */
    private void bins(double[] out, int k, int p, int q) {
        double zr = tre[p], zi = tim[p], cr = tre[q], ci = -tim[q];
        evenRe[k] = zr + cr;
        evenIm[k] = zi + ci;
        oddRe[k] = zi - ci;
        oddIm[k] = cr - zr;
    }

    /**
     * {@code X[k] = E + W^k O} and {@code X[N-k] = conj(E - W^k O)} as powers, for 1 &lt;= k &lt; N/2,
     * in loops that index every array alike (vectorised); the upper bins land in {@code upper[k]}
     * and are then copied to {@code out[N-k]}.
     */
    private void powers(double[] out, int quarter) {
        double[] er = evenRe, ei = evenIm, or = oddRe, oi = oddIm, wr = splitCos, wi = splitSin, up = upper;
        for (int k = 1; k < quarter; k++) {
            double tr = wr[k] * or[k] - wi[k] * oi[k], ti = wr[k] * oi[k] + wi[k] * or[k];
            or[k] = tr;
            oi[k] = ti;
        }
        for (int k = 1; k < quarter; k++) {
            out[k] = 0.25 * ((er[k] + or[k]) * (er[k] + or[k]) + (ei[k] + oi[k]) * (ei[k] + oi[k]));
            up[k] = 0.25 * ((er[k] - or[k]) * (er[k] - or[k]) + (ei[k] - oi[k]) * (ei[k] - oi[k]));
        }
        for (int k = 1; k < quarter; k++) out[half - k] = up[k];
    }

    private int position(int k) {
        return rows * rowOrder[k / rows] + k % rows;
    }
}
