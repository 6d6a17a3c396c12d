package org.elman.audio.frame;

/**
 * In-place iterative radix-2 complex FFT of a power-of-two length, forward
 * ({@code X[k] = sum x[t] e^{-2 pi i k t/n}}) and inverse (with the {@code 1/n} factor).
 * Stateless apart from precomputed tables; safe to share between threads.
 */
public final class ComplexFft {
    private final int n;
    private final int[] bitReverse;
    private final double[] cos;
    private final double[] sin;

    public ComplexFft(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        this.bitReverse = new int[n];
        for (int k = 0; k < n; k++) bitReverse[k] = bits == 0 ? 0 : Integer.reverse(k) >>> (32 - bits);
        this.cos = new double[Math.max(1, n / 2)];
        this.sin = new double[cos.length];
        for (int k = 0; k < cos.length; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
    }

    public int size() {
        return n;
    }

    /** Forward transform in place. */
    public void forward(double[] re, double[] im) {
        transform(re, im, 1);
    }

    /** Inverse transform in place, scaled by {@code 1/n}. */
    public void inverse(double[] re, double[] im) {
        transform(re, im, -1);
        for (int k = 0; k < n; k++) {
            re[k] /= n;
            im[k] /= n;
        }
    }

    private void transform(double[] re, double[] im, int sign) {
        if (re.length < n || im.length < n) throw new IllegalArgumentException("arrays shorter than FFT length " + n);
        for (int k = 0; k < n; k++) {
            int j = bitReverse[k];
            if (j > k) {
                double t = re[k];
                re[k] = re[j];
                re[j] = t;
                t = im[k];
                im[k] = im[j];
                im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            int h = size >> 1, step = n / size;
            for (int j = 0; j < h; j++) {
                double c = cos[j * step], s = sign * sin[j * step];
                for (int a = j; a < n; a += size) {
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
}
