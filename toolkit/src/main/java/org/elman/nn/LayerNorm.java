package org.elman.nn;

import org.elman.ops.Norm;
import org.elman.tensor.Tensor;

/**
 * Layer normalisation (Ba et al., 2016) over the last axis:
 * {@code y = gamma (x - mean(x)) / sqrt(var(x) + eps) + beta} with the biased variance of each
 * row. Shapes: {@code (..., F) -> (..., F)}; {@code weight} (gamma, init 1) and {@code bias} (beta,
 * init 0) have shape {@code (F)}. Same in training and eval mode.
 *
 * <pre>{@code
 * LayerNorm ln = LayerNorm.builder().setNormalizedSize(256).build();
 * Tensor y = ln.forward(x);   // (T, N, 256) -> (T, N, 256)
 * }</pre>
 */
public final class LayerNorm extends Module implements Layer {
    private final int size;
    private final float eps;
    private final Tensor weight;
    private final Tensor bias;

    private LayerNorm(Builder b) {
        eps = b.eps;
        weight = b.affine ? param("weight", Tensor.ones(b.size)) : null;
        bias = b.affine ? param("bias", Tensor.zeros(b.size)) : null;
        size = b.size;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() == 0 || x.size(-1) != size) {
            throw new IllegalArgumentException("layer norm over " + size + " features got input " + org.elman.tensor.Shapes.str(x.shape()));
        }
        return Norm.layerNorm(x, weight, bias, eps);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    /** Settings of a {@link LayerNorm}; the normalised size is required. */
    public static final class Builder {
        private int size = -1;
        private float eps = 1e-5f;
        private boolean affine = true;

        public Builder setNormalizedSize(int f) {
            this.size = f;
            return this;
        }

        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        public Builder optAffine(boolean affine) {
            this.affine = affine;
            return this;
        }

        public LayerNorm build() {
            Builders.positive(size, "LayerNorm size (setNormalizedSize)");
            if (!(eps >= 0f) || Float.isInfinite(eps)) throw new IllegalArgumentException("LayerNorm eps must be >= 0, got " + eps);
            return new LayerNorm(this);
        }
    }
}
