package org.elman.optim;

/**
 * A learning rate that is a function of the number of optimiser steps taken. {@link #lrAt(long)}
 * gives the rate for the update that follows {@code step} completed updates; the constructor sets
 * the optimiser's rate to {@code lrAt(0)} and each {@link #step()} (call it after {@code
 * optimizer.step()}) advances the counter and sets the next rate. The base rate of relative
 * schedules is the optimiser's {@link Optimizer#initialLr()} (the rate it was built with, kept
 * across checkpoints), so on resume create the schedule and call {@link #setStepCount(long)}.
 *
 * <pre>{@code
 * LrSchedule sched = new StepLr(opt, 1000, 0.5);
 * for (...) { loss.backward(); opt.step(); opt.zeroGrad(); sched.step(); }
 * }</pre>
 */
public abstract class LrSchedule {
    private final Optimizer optimizer;
    private final double baseLr;
    private long step;

    protected LrSchedule(Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException("schedule needs an optimizer");
        this.optimizer = optimizer;
        this.baseLr = optimizer.initialLr();
    }

    /** Sets the optimiser's rate for the current step; subclasses call it at the end of their constructor. */
    protected final void apply() {
        optimizer.setLr(lrAt(step));
    }

    /** The learning rate after {@code step} completed updates. */
    public abstract double lrAt(long step);

    /** Advances by one update and sets the optimiser's learning rate. */
    public final void step() {
        step++;
        apply();
    }

    /** Number of {@link #step()} calls so far (what a checkpoint saves). */
    public final long stepCount() {
        return step;
    }

    /** Jumps to a step count (when resuming) and sets the optimiser's rate for it. */
    public final void setStepCount(long step) {
        if (step < 0) throw new IllegalArgumentException("step count must be >= 0, got " + step);
        this.step = step;
        apply();
    }

    /** The optimiser's initial rate, which relative schedules scale. */
    public final double baseLr() {
        return baseLr;
    }

    public final Optimizer optimizer() {
        return optimizer;
    }
}
