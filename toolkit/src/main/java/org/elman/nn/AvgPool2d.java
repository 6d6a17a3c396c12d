package org.elman.nn;

import org.elman.ops.Conv.Window2d;
import org.elman.ops.Pool;
import org.elman.tensor.Tensor;

/**
 * Mean over each window. With count-include-pad (the default, as PyTorch) the divisor is always
 * {@code kh * kw}; without it, only the window positions inside the image count.
 * Shapes: {@code (N, C, H, W) -> (N, C, H', W')}, {@code H' = (H + 2 ph - kh) / sh + 1} (likewise
 * W'). The stride defaults to the kernel size and padding (at most half the kernel) to 0.
 */
public final class AvgPool2d extends Module implements Layer {
    private final Window2d window;
    private final boolean countIncludePad;

    private AvgPool2d(Window2d window, boolean countIncludePad) {
        this.window = window;
        this.countIncludePad = countIncludePad;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pool.avgPool2d(x, window, countIncludePad);
    }

    public Window2d window() {
        return window;
    }

    /** Settings of a {@link AvgPool2d}; the kernel size is required. */
    public static final class Builder extends PoolWindowBuilder<Builder> {
        private boolean countIncludePad = true;

        @Override
        Builder self() {
            return this;
        }

        /** Whether padded positions count in the divisor (default true). */
        public Builder optCountIncludePad(boolean include) {
            this.countIncludePad = include;
            return this;
        }

        public AvgPool2d build() {
            return new AvgPool2d(window("AvgPool2d"), countIncludePad);
        }
    }
}
