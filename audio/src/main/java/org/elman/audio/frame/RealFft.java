package org.elman.audio.frame;

/**
 * Forward FFT of a real signal whose length {@code n} is a power of two (n >= 2).
 *
 * <p>The {@code n} real inputs are packed as {@code n/2} complex values {@code z[k] = x[2k] + i x[2k+1]},
 * transformed with an iterative radix-2 decimation-in-time FFT, and split into the spectrum
 * {@code X[k] = E[k] + e^{-2 pi i k/n} O[k]}, k = 0..n/2, where E and O are the transforms of the even
 * and odd samples. No normalisation: {@code X[k] = sum_t x[t] e^{-2 pi i k t / n}}.
 *
 * <p>Instances hold their workspace and are not thread-safe; create one per thread.
 */
public final class RealFft {
    private final int n;
    private final int half;
    private final int[] bitReverse;
    private final double[] twCos;
    private final double[] twSin;
    private final double[] splitCos;
    private final double[] splitSin;
    private final double[] re;
    private final double[] im;

    public RealFft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two >= 2, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        this.bitReverse = bitReversal(half);
        this.twCos = new double[Math.max(2, half)];
        this.twSin = new double[twCos.length];
        for (int h = 1; h < half; h <<= 1) {
            for (int j = 0; j < h; j++) {
                twCos[h + j] = Math.cos(Math.PI * j / h);
                twSin[h + j] = Math.sin(Math.PI * j / h);
            }
        }
        this.splitCos = new double[half];
        this.splitSin = new double[half];
        for (int k = 0; k < half; k++) {
            splitCos[k] = Math.cos(2 * Math.PI * k / n);
            splitSin[k] = -Math.sin(2 * Math.PI * k / n);
        }
        this.re = new double[half];
        this.im = new double[half];
    }

    /** The transform length. */
    public int size() {
        return n;
    }

    /** Smallest power of two >= {@code len} (len >= 1). */
    public static int nextPowerOfTwo(int len) {
        if (len < 1 || len > (1 << 30)) throw new IllegalArgumentException("length out of range: " + len);
        return len == 1 ? 1 : Integer.highestOneBit(len - 1) << 1;
    }

    /** Writes {@code Re X[k]}, {@code Im X[k]} for k = 0..n/2 into the two arrays (length >= n/2+1). */
    public void forward(double[] x, double[] outRe, double[] outIm) {
        transformPacked(x);
        outRe[0] = re[0] + im[0];
        outIm[0] = 0;
        outRe[half] = re[0] - im[0];
        outIm[half] = 0;
        for (int k = 1; k < half; k++) {
            double zr = re[k], zi = im[k], cr = re[half - k], ci = -im[half - k];
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
            double or = 0.5 * (zi - ci), oi = -0.5 * (zr - cr);
            double wr = splitCos[k], wi = splitSin[k];
            outRe[k] = er + wr * or - wi * oi;
            outIm[k] = ei + wr * oi + wi * or;
        }
    }

    /** Writes {@code |X[k]|^2} for k = 0..n/2 into {@code out}. {@code x} is not modified. */
    public void powerSpectrum(double[] x, double[] out) {
        transformPacked(x);
        double dc = re[0] + im[0], ny = re[0] - im[0];
        out[0] = dc * dc;
        out[half] = ny * ny;
        for (int k = 1; k < half; k++) {
            double zr = re[k], zi = im[k], cr = re[half - k], ci = -im[half - k];
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
            double or = 0.5 * (zi - ci), oi = -0.5 * (zr - cr);
            double wr = splitCos[k], wi = splitSin[k];
            double xr = er + wr * or - wi * oi;
            double xi = ei + wr * oi + wi * or;
            out[k] = xr * xr + xi * xi;
        }
    }

    private void transformPacked(double[] x) {
        if (x.length < n) throw new IllegalArgumentException("input has " + x.length + " values, FFT needs " + n);
        for (int k = 0; k < half; k++) {
            int j = bitReverse[k];
            re[j] = x[2 * k];
            im[j] = x[2 * k + 1];
        }
        int h = 1;
        if (half >= 4) {
            firstTwoStages();
            h = 4;
        }
        for (; 4 * h <= half; h <<= 2) radix4Stage(h);
        for (; h < half; h <<= 1) {
            int size = h << 1;
            for (int i = 0; i < half; i += size) {
                for (int j = 0; j < h; j++) {
                    double c = twCos[h + j], s = twSin[h + j];
                    int a = i + j, b = a + h;
                    double tr = re[b] * c + im[b] * s;
                    double ti = im[b] * c - re[b] * s;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /**
     * Two radix-2 stages (spans 2h and 4h) fused: each group of four values h apart gets the span-2h
     * butterflies with twiddle {@code W_2h^j}, then the span-4h ones with {@code W_4h^j} and
     * {@code W_4h^(j+h) = -i W_4h^j}. Same arithmetic as two separate stages, half the passes.
     */
    private void radix4Stage(int h) {
        int size = h << 2;
        for (int i = 0; i < half; i += size) {
            for (int j = 0; j < h; j++) {
                double c1 = twCos[h + j], s1 = twSin[h + j];
                double c2 = twCos[2 * h + j], s2 = twSin[2 * h + j];
                int a0 = i + j, a1 = a0 + h, a2 = a1 + h, a3 = a2 + h;
                double t1r = re[a1] * c1 + im[a1] * s1, t1i = im[a1] * c1 - re[a1] * s1;
                double t3r = re[a3] * c1 + im[a3] * s1, t3i = im[a3] * c1 - re[a3] * s1;
                double y0r = re[a0] + t1r, y0i = im[a0] + t1i, y1r = re[a0] - t1r, y1i = im[a0] - t1i;
                double y2r = re[a2] + t3r, y2i = im[a2] + t3i, y3r = re[a2] - t3r, y3i = im[a2] - t3i;
                double u2r = y2r * c2 + y2i * s2, u2i = y2i * c2 - y2r * s2;
                double v3r = y3r * c2 + y3i * s2, v3i = y3i * c2 - y3r * s2;
                re[a0] = y0r + u2r;
                im[a0] = y0i + u2i;
                re[a2] = y0r - u2r;
                im[a2] = y0i - u2i;
                re[a1] = y1r + v3i;
                im[a1] = y1i - v3r;
                re[a3] = y1r - v3i;
                im[a3] = y1i + v3r;
            }
        }
    }

    /** The span-2 and span-4 butterflies fused (their twiddles are 1 and -i). */
    private void firstTwoStages() {
        for (int k = 0; k < half; k += 4) {
            double a0r = re[k] + re[k + 1], a0i = im[k] + im[k + 1];
            double a1r = re[k] - re[k + 1], a1i = im[k] - im[k + 1];
            double a2r = re[k + 2] + re[k + 3], a2i = im[k + 2] + im[k + 3];
            double a3r = re[k + 2] - re[k + 3], a3i = im[k + 2] - im[k + 3];
            re[k] = a0r + a2r;
            im[k] = a0i + a2i;
            re[k + 2] = a0r - a2r;
            im[k + 2] = a0i - a2i;
            re[k + 1] = a1r + a3i;
            im[k + 1] = a1i - a3r;
            re[k + 3] = a1r - a3i;
            im[k + 3] = a1i + a3r;
        }
    }

    private static int[] bitReversal(int m) {
        int bits = Integer.numberOfTrailingZeros(m);
        int[] r = new int[m];
        for (int k = 0; k < m; k++) r[k] = bits == 0 ? 0 : Integer.reverse(k) >>> (32 - bits);
        return r;
    }
}
