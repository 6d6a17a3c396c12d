package org.elman.nn;

import org.elman.ops.Conv.Window2d;
import org.elman.ops.Pool;
import org.elman.tensor.Tensor;

/**
 * Maximum over each window; padded positions never win, the gradient goes to the first maximal input.
 * Shapes: {@code (N, C, H, W) -> (N, C, H', W')}, {@code H' = (H + 2 ph - kh) / sh + 1} (likewise
 * W'). The stride defaults to the kernel size and padding (at most half the kernel) to 0.
 */
public final class MaxPool2d extends Module implements Layer {
    private final Window2d window;

    private MaxPool2d(Window2d window) {
        this.window = window;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pool.maxPool2d(x, window);
    }

    public Window2d window() {
        return window;
    }

    /** Settings of a {@link MaxPool2d}; the kernel size is required. */
    public static final class Builder extends PoolWindowBuilder<Builder> {
        @Override
        Builder self() {
            return this;
        }

        public MaxPool2d build() {
            return new MaxPool2d(window("MaxPool2d"));
        }
    }
}
