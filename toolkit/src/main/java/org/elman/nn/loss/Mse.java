package org.elman.nn.loss;

import org.elman.ops.Arith;
import org.elman.ops.Reduce;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Mean squared error {@code l_i = (pred_i - target_i)^2}, reduced by {@link Reduction}
 * (default MEAN, over all elements). Prediction and target must have the same shape (no
 * broadcasting, so a misplaced axis fails loudly); both may require gradients.
 */
public final class Mse {
    private final Reduction reduction;

    private Mse(Reduction reduction) {
        this.reduction = reduction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Tensor compute(Tensor pred, Tensor target) {
        Shapes.require("mse target", target.shape(), pred.shape());
        Tensor diff = Arith.sub(pred, target);
        Tensor sq = Arith.mul(diff, diff);
        switch (reduction) {
            case NONE: return sq;
            case SUM: return Reduce.sum(sq);
            default: return Reduce.mean(sq);
        }
    }

    public Reduction reduction() {
        return reduction;
    }

    /** Settings of an {@link Mse}; nothing is required. */
    public static final class Builder {
        private Reduction reduction = Reduction.MEAN;

        public Builder optReduction(Reduction r) {
            if (r == null) throw new IllegalArgumentException("reduction must not be null");
            this.reduction = r;
            return this;
        }

        public Mse build() {
            return new Mse(reduction);
        }
    }
}
