package org.elman.nn;

import java.util.Random;
import org.elman.ops.Arith;
import org.elman.tensor.Tensor;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the kept ones
 * are scaled by {@code 1 / (1 - p)}, so eval mode (and p = 0) is the identity. The mask comes from
 * the layer's own seeded {@link Random}, so runs are reproducible. Any shape.
 *
 * <pre>{@code
 * Dropout drop = Dropout.builder().setProbability(0.1f).optSeed(42).build();
 * Tensor y = drop.forward(x);   // training: masked and scaled; after drop.eval(): y == x
 * }</pre>
 */
public final class Dropout extends Module implements Layer {
    private final float p;
    private final Random rng;

    private Dropout(Builder b) {
        this.p = b.p;
        this.rng = new Random(b.seed);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0f) return x;
        float keep = 1f / (1f - p);
        float[] mask = new float[x.numel()];
        for (int i = 0; i < mask.length; i++) mask[i] = rng.nextFloat() < p ? 0f : keep;
        return Arith.mul(x, Tensor.of(mask, x.shape()));
    }

    public float probability() {
        return p;
    }

    /** Settings of a {@link Dropout}; the drop probability is required. */
    public static final class Builder {
        private float p = Float.NaN;
        private long seed = 0;

        /** Probability of zeroing an element, in [0, 1). */
        public Builder setProbability(float p) {
            this.p = p;
            return this;
        }

        /** Seed of the mask generator (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Dropout build() {
            if (Float.isNaN(p)) throw new IllegalStateException("Dropout probability (setProbability) is required but was not set");
            Builders.inRange(p, 0f, 1f, "Dropout probability");
            return new Dropout(this);
        }
    }
}
