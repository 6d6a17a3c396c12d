package org.elman.nn;

import org.elman.tensor.Tensor;

/**
 * Softmax over one axis (default the last), computed stably: {@code y_i = exp(x_i - max) / sum_j exp(x_j - max)}. Any shape in,
 * same shape out.
 */
public final class Softmax extends Module implements Layer {
    private final int axis;

    private Softmax(int axis) {
        this.axis = axis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Over the last axis. */
    public static Softmax lastAxis() {
        return new Softmax(-1);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (axis >= x.dim() || axis < -x.dim()) {
            throw new IllegalArgumentException("Softmax axis " + axis + " out of range for input of rank " + x.dim());
        }
        return org.elman.ops.Softmax.softmax(x, axis);
    }

    public int axis() {
        return axis;
    }

    /** Settings of a {@link Softmax}; nothing is required. */
    public static final class Builder {
        private int axis = -1;

        /** The normalised axis; negative counts from the end (default -1). */
        public Builder optAxis(int axis) {
            this.axis = axis;
            return this;
        }

        public Softmax build() {
            return new Softmax(axis);
        }
    }
}
