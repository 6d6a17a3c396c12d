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
    public static final class Builder {
        private int kh = -1;
        private int kw = -1;
        private int sh = -1;
        private int sw = -1;
        private int ph;
        private int pw;
        private boolean countIncludePad = true;

        public Builder setKernelSize(int k) {
            return setKernelSize(k, k);
        }

        public Builder setKernelSize(int kh, int kw) {
            this.kh = kh;
            this.kw = kw;
            return this;
        }

        /** Step between windows (default: the kernel size). */
        public Builder optStride(int s) {
            return optStride(s, s);
        }

        public Builder optStride(int sh, int sw) {
            this.sh = sh;
            this.sw = sw;
            return this;
        }

        public Builder optPadding(int p) {
            return optPadding(p, p);
        }

        public Builder optPadding(int ph, int pw) {
            this.ph = ph;
            this.pw = pw;
            return this;
        }

        /** Whether padded positions count in the divisor (default true). */
        public Builder optCountIncludePad(boolean include) {
            this.countIncludePad = include;
            return this;
        }

        public AvgPool2d build() {
            if (kh == -1) throw new IllegalStateException("AvgPool2d kernel size (setKernelSize) is required but was not set");
            Window2d w = new Window2d(kh, kw, sh == -1 ? kh : sh, sw == -1 ? kw : sw, ph, pw, 1, 1);
            if (2 * ph > kh || 2 * pw > kw) {
                throw new IllegalArgumentException("AvgPool2d padding (" + ph + ", " + pw + ") must be at most half the kernel (" + kh + ", " + kw + ")");
            }
            return new AvgPool2d(w, countIncludePad);
        }
    }
}
