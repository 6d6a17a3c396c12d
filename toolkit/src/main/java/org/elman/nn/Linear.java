package org.elman.nn;

import java.util.Random;
import org.elman.ops.Linalg;
import org.elman.tensor.Tensor;

/**
 * Fully-connected layer {@code y = x W^T + b}. Shapes: {@code x (..., in)}, {@code W (out, in)},
 * {@code b (out)}, {@code y (..., out)}; any leading axes (e.g. time-major {@code (T, N, F)}) are
 * flattened into the rows of one GEMM.
 *
 * <p>Initialisation as PyTorch: W and b drawn from {@code U(-1/sqrt(in), 1/sqrt(in))}.
 *
 * <pre>{@code
 * Linear proj = Linear.builder().setInFeatures(80).setOutFeatures(256).optRandom(rng).build();
 * Tensor y = proj.forward(x);   // (T, N, 80) -> (T, N, 256)
 * }</pre>
 */
public final class Linear extends Module implements Layer {
    private final Tensor weight;
    private final Tensor bias;

    private Linear(Builder b) {
        float bound = (float) (1.0 / Math.sqrt(b.in));
        weight = param("weight", Init.uniform(b.rng, bound, b.out, b.in));
        bias = b.bias ? param("bias", Init.uniform(b.rng, bound, b.out)) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Linalg.linear(x, weight, bias);
    }

    /** The {@code (out, in)} weight. */
    public Tensor weight() {
        return weight;
    }

    /** The {@code (out)} bias, or null when built without one. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return weight.size(1);
    }

    public int outFeatures() {
        return weight.size(0);
    }

    /** Settings of a {@link Linear}; in and out features are required. */
    public static final class Builder {
        private int in = -1;
        private int out = -1;
        private boolean bias = true;
        private Random rng = new Random(0);

        public Builder setInFeatures(int in) {
            this.in = in;
            return this;
        }

        public Builder setOutFeatures(int out) {
            this.out = out;
            return this;
        }

        /** Whether to add a bias (default true). */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** Random source for initialisation (default: seed 0; models should pass one shared source). */
        public Builder optRandom(Random rng) {
            this.rng = Builders.notNull(rng, "random source");
            return this;
        }

        public Linear build() {
            Builders.positive(in, "Linear in features (setInFeatures)");
            Builders.positive(out, "Linear out features (setOutFeatures)");
            return new Linear(this);
        }
    }
}
