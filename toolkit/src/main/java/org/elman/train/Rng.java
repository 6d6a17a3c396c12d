package org.elman.train;

import java.util.Random;

/**
 * A {@link Random} whose whole state can be read and written, for exact resume: xoshiro256**
 * (Blackman &amp; Vigna) seeded through SplitMix64. All of {@code Random}'s methods draw from
 * {@link #next(int)}, except {@link #nextGaussian()}, which is reimplemented here (Marsaglia's
 * polar method) so that its cached second value is part of the saved state.
 *
 * <p>Not thread-safe (unlike {@code java.util.Random}): give each thread its own stream via
 * {@link Seeds}. The sequence differs from {@code java.util.Random} for the same seed.
 */
public final class Rng extends Random {
    private static final long serialVersionUID = 1L;

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private boolean haveGaussian;
    private double nextGaussianValue;

    public Rng(long seed) {
        super(0L);
        setSeed(seed);
    }

    /** Re-seeds: the four state words are SplitMix64 outputs from {@code seed}. */
    @Override
    public synchronized void setSeed(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = SplitMix64.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = SplitMix64.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = SplitMix64.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = SplitMix64.mix(x);
        haveGaussian = false;
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    @Override
    protected int next(int bits) {
        return (int) (nextLong() >>> (64 - bits));
    }

    @Override
    public double nextGaussian() {
        if (haveGaussian) {
            haveGaussian = false;
            return nextGaussianValue;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = Math.sqrt(-2 * Math.log(s) / s);
        nextGaussianValue = v2 * multiplier;
        haveGaussian = true;
        return v1 * multiplier;
    }

    /**
     * The state as text: four 16-digit hex words, then the cached Gaussian as the hex bits of a
     * double or {@code -}: {@code "w0:w1:w2:w3:g"}.
     */
    public String state() {
        String g = haveGaussian ? Long.toHexString(Double.doubleToRawLongBits(nextGaussianValue)) : "-";
        return String.format("%016x:%016x:%016x:%016x:%s", s0, s1, s2, s3, g);
    }

    /** Restores a state produced by {@link #state()}. */
    public void setState(String state) {
        String[] parts = state.split(":", -1);
        if (parts.length != 5) throw new IllegalArgumentException("Rng state needs 5 ':'-separated fields, got '" + state + "'");
        long[] w = new long[4];
        try {
            for (int i = 0; i < 4; i++) w[i] = Long.parseUnsignedLong(parts[i], 16);
            boolean g = !parts[4].equals("-");
            double gv = g ? Double.longBitsToDouble(Long.parseUnsignedLong(parts[4], 16)) : 0;
            if ((w[0] | w[1] | w[2] | w[3]) == 0) throw new IllegalArgumentException("Rng state is all zero: '" + state + "'");
            s0 = w[0];
            s1 = w[1];
            s2 = w[2];
            s3 = w[3];
            haveGaussian = g;
            nextGaussianValue = gv;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Rng state has a bad hex field: '" + state + "'");
        }
    }
}
