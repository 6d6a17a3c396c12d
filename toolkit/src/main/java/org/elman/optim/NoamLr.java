package org.elman.optim;

/**
 * The Transformer schedule (Vaswani et al., 2017, eq. 3), scaled by {@code factor}:
 * {@code lr = factor * dModel^-0.5 * min(n^-0.5, n * warmup^-1.5)} with {@code n = s + 1} the
 * 1-based number of the coming update. Rises linearly for {@code warmup} updates, peaks at
 * {@code factor / sqrt(dModel * warmup)}, then decays as {@code 1/sqrt(n)}. The optimiser's own
 * rate at creation is ignored.
 */
public final class NoamLr extends LrSchedule {
    private final int dModel;
    private final long warmupSteps;
    private final double factor;

    public NoamLr(Optimizer optimizer, int dModel, long warmupSteps, double factor) {
        super(optimizer);
        if (dModel <= 0) throw new IllegalArgumentException("Noam d_model must be > 0, got " + dModel);
        if (warmupSteps <= 0) throw new IllegalArgumentException("Noam warm-up steps must be > 0, got " + warmupSteps);
        if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("Noam factor must be finite and > 0, got " + factor);
        this.dModel = dModel;
        this.warmupSteps = warmupSteps;
        this.factor = factor;
        apply();
    }

    @Override
    public double lrAt(long step) {
        double n = step + 1.0;
        return factor / Math.sqrt(dModel) * Math.min(1.0 / Math.sqrt(n), n * Math.pow(warmupSteps, -1.5));
    }
}
