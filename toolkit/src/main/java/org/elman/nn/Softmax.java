package org.elman.nn;

import org.elman.tensor.Tensor;

/**
 * Softmax or log-softmax over one axis (default the last), computed stably: {@code y_i = exp(x_i -
 * max) / sum_j exp(x_j - max)}, or in log form {@code y_i = x_i - log sum_j exp(x_j)}. Any shape
 * in, same shape out.
 */
public final class Softmax extends Module implements Layer {
    private final int axis;
    private final boolean log;

    private Softmax(int axis, boolean log) {
        this.axis = axis;
        this.log = log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Softmax over the last axis. */
    public static Softmax lastAxis() {
        return new Softmax(-1, false);
    }

    /** Log-softmax over the last axis. */
    public static Softmax logLastAxis() {
        return new Softmax(-1, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (axis >= x.dim() || axis < -x.dim()) {
            throw new IllegalArgumentException((log ? "LogSoftmax" : "Softmax") + " axis " + axis
                    + " out of range for input of rank " + x.dim());
        }
        return log ? org.elman.ops.Softmax.logSoftmax(x, axis) : org.elman.ops.Softmax.softmax(x, axis);
    }

    public int axis() {
        return axis;
    }

    public boolean isLog() {
        return log;
    }

    /** Settings of a {@link Softmax}; nothing is required. */
    public static final class Builder {
        private int axis = -1;
        private boolean log;

        /** The normalised axis; negative counts from the end (default -1). */
        public Builder optAxis(int axis) {
            this.axis = axis;
            return this;
        }

        /** Log-softmax instead of softmax (default false). */
        public Builder optLog(boolean log) {
            this.log = log;
            return this;
        }

        public Softmax build() {
            return new Softmax(axis, log);
        }
    }
}
