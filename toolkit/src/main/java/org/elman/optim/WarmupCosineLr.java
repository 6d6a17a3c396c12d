package org.elman.optim;

/**
 * Linear warm-up from 0 to the base rate over {@code warmupSteps}, then a half cosine down to
 * {@code minLr} at {@code totalSteps}, constant afterwards:
 *
 * <pre>
 *   s &lt; warmup:          lr = base * s / warmup
 *   warmup &lt;= s:         p = min(1, (s - warmup) / (total - warmup))
 *                         lr = minLr + (base - minLr) * (1 + cos(pi * p)) / 2
 * </pre>
 *
 * The same convention as the common {@code cosine_schedule_with_warmup} (the very first update
 * has rate 0 when {@code warmup > 0}), plus a floor.
 */
public final class WarmupCosineLr extends LrSchedule {
    private final long warmupSteps;
    private final long totalSteps;
    private final double minLr;

    public WarmupCosineLr(Optimizer optimizer, long warmupSteps, long totalSteps, double minLr) {
        super(optimizer);
        if (warmupSteps < 0) throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        if (totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("total steps (" + totalSteps + ") must exceed warm-up steps (" + warmupSteps + ")");
        }
        if (!(minLr >= 0) || minLr > baseLr()) {
            throw new IllegalArgumentException("min lr must be in [0, base lr " + baseLr() + "], got " + minLr);
        }
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.minLr = minLr;
        apply();
    }

    @Override
    public double lrAt(long step) {
        if (step < warmupSteps) return baseLr() * step / warmupSteps;
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return minLr + (baseLr() - minLr) * 0.5 * (1.0 + Math.cos(Math.PI * progress));
    }
}
