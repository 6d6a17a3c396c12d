package org.elman.nn;

/** Validation helpers shared by the layer builders; messages name the setting. */
public final class Builders {
    private Builders() {}

    /** Requires {@code value >= 1}; unset required settings are stored as -1 and fail here. */
    public static int positive(int value, String what) {
        if (value == -1) throw new IllegalStateException(what + " is required but was not set");
        if (value < 1) throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        return value;
    }

    public static <T> T notNull(T value, String what) {
        if (value == null) throw new IllegalArgumentException(what + " must not be null");
        return value;
    }

    /** Requires a finite value in {@code [lo, hi)}. */
    public static float inRange(float value, float lo, float hi, String what) {
        if (!(value >= lo && value < hi)) throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "), got " + value);
        return value;
    }
}
