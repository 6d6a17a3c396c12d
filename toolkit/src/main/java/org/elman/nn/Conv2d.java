package org.elman.nn;

import java.util.Random;
import org.elman.ops.Conv;
import org.elman.ops.Conv.Window2d;
import org.elman.tensor.Tensor;

/**
 * 2-d convolution over images (cross-correlation, as in PyTorch). Shapes: {@code x (N, C, H, W)},
 * weight {@code (O, C, kh, kw)}, bias {@code (O)}, {@code y (N, O, H', W')} with
 * {@code H' = (H + 2 ph - dh (kh - 1) - 1) / sh + 1} (likewise W').
 *
 * <p>{@code y[n, o, i, j] = b[o] + sum_{c,u,v} W[o, c, u, v] x[n, c, i sh - ph + u dh, j sw - pw + v dw]},
 * zero outside the image. Computed as im2col plus one GEMM ({@link Conv#conv2d}). Initialisation
 * as PyTorch: {@code U(-1/sqrt(C kh kw), 1/sqrt(C kh kw))}; no groups.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.builder().setInChannels(1).setOutChannels(32).setKernelSize(3).optStride(2).optPadding(1).build();
 * Tensor y = conv.forward(x);   // (N, 1, T, 80) -> (N, 32, T/2, 40)
 * }</pre>
 */
public final class Conv2d extends Module implements Layer {
    private final Window2d window;
    private final Tensor weight;
    private final Tensor bias;

    private Conv2d(Builder b, Window2d window) {
        this.window = window;
        int fanIn = b.inC * window.kh() * window.kw();
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        weight = param("weight", Init.uniform(b.rng, bound, b.outC, b.inC, window.kh(), window.kw()));
        bias = b.bias ? param("bias", Init.uniform(b.rng, bound, b.outC)) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Conv.conv2d(x, weight, bias, window);
    }

    public Window2d window() {
        return window;
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    /** Settings of a {@link Conv2d}: channels and kernel size are required. */
    public static final class Builder {
        private int inC = -1;
        private int outC = -1;
        private int kh = -1;
        private int kw = -1;
        private int sh = 1;
        private int sw = 1;
        private int ph;
        private int pw;
        private int dh = 1;
        private int dw = 1;
        private boolean bias = true;
        private Random rng = new Random(0);

        public Builder setInChannels(int c) {
            this.inC = c;
            return this;
        }

        public Builder setOutChannels(int c) {
            this.outC = c;
            return this;
        }

        public Builder setKernelSize(int k) {
            return setKernelSize(k, k);
        }

        public Builder setKernelSize(int kh, int kw) {
            this.kh = kh;
            this.kw = kw;
            return this;
        }

        public Builder optStride(int s) {
            return optStride(s, s);
        }

        public Builder optStride(int sh, int sw) {
            this.sh = sh;
            this.sw = sw;
            return this;
        }

        /** Zero padding on both sides of each axis (default 0). */
        public Builder optPadding(int p) {
            return optPadding(p, p);
        }

        public Builder optPadding(int ph, int pw) {
            this.ph = ph;
            this.pw = pw;
            return this;
        }

        public Builder optDilation(int d) {
            return optDilation(d, d);
        }

        public Builder optDilation(int dh, int dw) {
            this.dh = dh;
            this.dw = dw;
            return this;
        }

        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public Builder optRandom(Random rng) {
            this.rng = Builders.notNull(rng, "random source");
            return this;
        }

        public Conv2d build() {
            Builders.positive(inC, "Conv2d in channels (setInChannels)");
            Builders.positive(outC, "Conv2d out channels (setOutChannels)");
            if (kh == -1) throw new IllegalStateException("Conv2d kernel size (setKernelSize) is required but was not set");
            return new Conv2d(this, new Window2d(kh, kw, sh, sw, ph, pw, dh, dw));
        }
    }
}
