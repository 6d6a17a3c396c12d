package org.elman.nn;

import org.elman.tensor.Tensor;

/**
 * LogSoftmax over one axis (default the last), computed stably: {@code y_i = x_i - log sum_j exp(x_j)}. Any shape in,
 * same shape out.
 */
public final class LogSoftmax extends Module implements Layer {
    private final int axis;

    private LogSoftmax(int axis) {
        this.axis = axis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Over the last axis. */
    public static LogSoftmax lastAxis() {
        return new LogSoftmax(-1);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (axis >= x.dim() || axis < -x.dim()) {
            throw new IllegalArgumentException("LogSoftmax axis " + axis + " out of range for input of rank " + x.dim());
        }
        return org.elman.ops.Softmax.logSoftmax(x, axis);
    }

    public int axis() {
        return axis;
    }

    /** Settings of a {@link LogSoftmax}; nothing is required. */
    public static final class Builder {
        private int axis = -1;

        /** The normalised axis; negative counts from the end (default -1). */
        public Builder optAxis(int axis) {
            this.axis = axis;
            return this;
        }

        public LogSoftmax build() {
            return new LogSoftmax(axis);
        }
    }
}
