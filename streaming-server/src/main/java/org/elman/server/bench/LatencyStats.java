package org.elman.server.bench;

import java.util.Arrays;

/**
 * A growing sample of latencies in milliseconds with exact order statistics. Percentiles use the
 * nearest-rank definition: {@code p}-th percentile = the smallest sample with at least {@code p}% of
 * the samples at or below it ({@code sorted[ceil(p / 100 * n) - 1]}), so every reported value is a
 * latency that was measured. Not thread-safe: one writer, or {@link #merge} afterwards.
 */
public final class LatencyStats {
    private double[] values = new double[16];
    private int n;
    private boolean sorted = true;

    /** Adds one latency (ms, finite and >= 0). */
    public void add(double ms) {
        if (!(ms >= 0) || Double.isInfinite(ms)) throw new IllegalArgumentException("latency must be finite and >= 0 ms, got " + ms);
        if (n == values.length) values = Arrays.copyOf(values, 2 * n);
        values[n++] = ms;
        sorted = false;
    }

    /** Adds all samples of {@code other}. */
    public void merge(LatencyStats other) {
        for (int i = 0; i < other.n; i++) add(other.values[i]);
    }

    public int count() {
        return n;
    }

    /** The nearest-rank {@code p}-th percentile, {@code p} in (0, 100]; NaN when there are no samples. */
    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        if (n == 0) return Double.NaN;
        sort();
        int rank = (int) Math.ceil(p / 100.0 * n - 1e-9);
        return values[Math.max(1, rank) - 1];
    }

    /** Largest sample; NaN when empty. */
    public double max() {
        return n == 0 ? Double.NaN : percentile(100);
    }

    /** Arithmetic mean; NaN when empty. */
    public double mean() {
        if (n == 0) return Double.NaN;
        double s = 0;
        for (int i = 0; i < n; i++) s += values[i];
        return s / n;
    }

    private void sort() {
        if (sorted) return;
        Arrays.sort(values, 0, n);
        sorted = true;
    }
}
