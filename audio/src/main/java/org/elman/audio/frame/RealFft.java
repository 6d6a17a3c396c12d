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
    private final double[] cosTable;
    private final double[] sinTable;
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
        this.cosTable = new double[Math.max(1, half / 2)];
        this.sinTable = new double[cosTable.length];
        for (int k = 0; k < cosTable.length; k++) {
            cosTable[k] = Math.cos(2 * Math.PI * k / half);
            sinTable[k] = Math.sin(2 * Math.PI * k / half);
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
        for (int size = 2; size <= half; size <<= 1) {
            int h = size >> 1, step = half / size;
            for (int j = 0; j < h; j++) {
                double c = cosTable[j * step], s = sinTable[j * step];
                for (int a = j; a < half; a += size) {
                    int b = a + h;
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

    private static int[] bitReversal(int m) {
        int bits = Integer.numberOfTrailingZeros(m);
        int[] r = new int[m];
        for (int k = 0; k < m; k++) r[k] = bits == 0 ? 0 : Integer.reverse(k) >>> (32 - bits);
        return r;
    }
}
