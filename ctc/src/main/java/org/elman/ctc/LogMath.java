package org.elman.ctc;

/** Log-space arithmetic in double precision, shared by the loss, the decoders and the aligner. */
public final class LogMath {
    /** log(0). */
    public static final double LOG_ZERO = Double.NEGATIVE_INFINITY;
    /** Below this difference {@code log(1 + exp(d))} rounds to 0 in double (exp(-37) < 2^-53), so exp is skipped. */
    private static final double NEGLIGIBLE = -37.0;

    private LogMath() {}

    /** log(exp(a) + exp(b)), exact for infinite arguments. */
    public static double add(double a, double b) {
        if (a == LOG_ZERO) return b;
        if (b == LOG_ZERO) return a;
        double hi = Math.max(a, b);
        double d = Math.min(a, b) - hi;
        return d < NEGLIGIBLE ? hi : hi + Math.log(1.0 + Math.exp(d));
    }

    /** log(exp(a) + exp(b) + exp(c)); two exponentials and one logarithm. */
    public static double add(double a, double b, double c) {
        double hi;
        double x;
        double y;
        if (a >= b && a >= c) {
            hi = a;
            x = b;
            y = c;
        } else if (b >= c) {
            hi = b;
            x = a;
            y = c;
        } else {
            hi = c;
            x = a;
            y = b;
        }
        if (hi == LOG_ZERO) return LOG_ZERO;
        double dx = x - hi;
        double dy = y - hi;
        double s = 1.0;
        if (dx >= NEGLIGIBLE) s += Math.exp(dx);
        if (dy >= NEGLIGIBLE) s += Math.exp(dy);
        return s == 1.0 ? hi : hi + Math.log(s);
    }

    /** log(sum(exp(x[from .. from+n)))). */
    public static double sumExp(double[] x, int from, int n) {
        double m = LOG_ZERO;
        for (int i = from; i < from + n; i++) m = Math.max(m, x[i]);
        if (m == LOG_ZERO) return LOG_ZERO;
        double s = 0;
        for (int i = from; i < from + n; i++) s += Math.exp(x[i] - m);
        return m + Math.log(s);
    }
}
