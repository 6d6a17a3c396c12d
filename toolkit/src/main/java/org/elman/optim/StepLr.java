package org.elman.optim;

/**
 * Multiplies the base rate by {@code gamma} every {@code stepSize} steps:
 * {@code lr(s) = base * gamma^floor(s / stepSize)} (PyTorch's {@code StepLR}).
 */
public final class StepLr extends LrSchedule {
    private final long stepSize;
    private final double gamma;

    public StepLr(Optimizer optimizer, long stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) throw new IllegalArgumentException("StepLr step size must be > 0, got " + stepSize);
        if (!(gamma > 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("StepLr gamma must be finite and > 0, got " + gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
        apply();
    }

    @Override
    public double lrAt(long step) {
        return baseLr() * Math.pow(gamma, step / stepSize);
    }
}
