package org.elman.audio.frame;

/**
 * Analysis windows, symmetric over the frame (denominator {@code N-1}), as Kaldi defines them.
 * With {@code a = 2*pi/(N-1)}:
 * <ul>
 *   <li>HANN: {@code 0.5 - 0.5 cos(a n)}</li>
 *   <li>HAMMING: {@code 0.54 - 0.46 cos(a n)}</li>
 *   <li>POVEY: {@code (0.5 - 0.5 cos(a n))^0.85} (Kaldi's default; like Hann but non-zero edges)</li>
 *   <li>BLACKMAN: {@code 0.42 - 0.5 cos(a n) + 0.08 cos(2 a n)}</li>
 *   <li>RECTANGULAR: {@code 1}</li>
 * </ul>
 */
public enum WindowType {
    HANN, HAMMING, POVEY, BLACKMAN, RECTANGULAR;

    /** The window's {@code length} coefficients. */
    public double[] coefficients(int length) {
        if (length < 1) throw new IllegalArgumentException("window length must be >= 1, got " + length);
        double[] w = new double[length];
        double a = length > 1 ? 2 * Math.PI / (length - 1) : 0;
        for (int n = 0; n < length; n++) {
            double c = Math.cos(a * n);
            w[n] = switch (this) {
                case HANN -> 0.5 - 0.5 * c;
                case HAMMING -> 0.54 - 0.46 * c;
                case POVEY -> Math.pow(0.5 - 0.5 * c, 0.85);
                case BLACKMAN -> 0.42 - 0.5 * c + 0.08 * Math.cos(2 * a * n);
                case RECTANGULAR -> 1.0;
            };
        }
        return w;
    }
}
