package org.elman.ctc;

/** Log-space arithmetic in double precision, shared by the loss, the decoders and the aligner. */
public final class LogMath {
    /** log(0). */
    public static final double LOG_ZERO = Double.NEGATIVE_INFINITY;

    private LogMath() {}

    /** log(exp(a) + exp(b)), exact for infinite arguments. */
    public static double add(double a, double b) {
        if (a == LOG_ZERO) return b;
        if (b == LOG_ZERO) return a;
        return a > b ? a + Math.log(1.0 + Math.exp(b - a)) : b + Math.log(1.0 + Math.exp(a - b));
    }

    /** log(exp(a) + exp(b) + exp(c)). */
    public static double add(double a, double b, double c) {
        double m = Math.max(a, Math.max(b, c));
        if (m == LOG_ZERO) return LOG_ZERO;
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));
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
