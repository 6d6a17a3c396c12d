package org.elman.optim;

import java.util.List;
import org.elman.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, following PyTorch's {@code torch.optim.SGD}. For each parameter {@code p} with gradient
 * {@code g}, at step {@code t}:
 *
 * <pre>
 *   d = g + weightDecay * p
 *   if momentum != 0:
 *       b = (t == 1) ? d : momentum * b + (1 - dampening) * d     (b is the "momentum_buffer" slot)
 *       d = nesterov ? d + momentum * b : b
 *   p = p - lr * d
 * </pre>
 *
 * <p>As in PyTorch the buffer starts as a copy of the first gradient (no dampening on step 1).
 * Nesterov needs {@code momentum > 0} and {@code dampening == 0}.
 *
 * <pre>{@code
 * Sgd opt = Sgd.builder().setParams(model.parameters()).setLr(0.1).optMomentum(0.9).build();
 * loss.backward(); opt.step(); opt.zeroGrad();
 * }</pre>
 */
public final class Sgd extends Optimizer {
    private static final List<String> MOMENTUM_SLOTS = List.of("momentum_buffer");

    private final float momentum;
    private final float dampening;
    private final boolean nesterov;
    private final float weightDecay;

    private Sgd(Builder b) {
        super(b.params, b.lr);
        this.momentum = (float) b.momentum;
        this.dampening = (float) b.dampening;
        this.nesterov = b.nesterov;
        this.weightDecay = (float) b.weightDecay;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected List<String> slotNames() {
        return momentum != 0f ? MOMENTUM_SLOTS : List.of();
    }

    @Override
    protected void update(Tensor param, Tensor grad, Tensor[] slots, long step, boolean firstStep) {
        float[] p = param.data();
        float[] g = grad.data();
        int po = param.offset();
        int go = grad.offset();
        float lr = (float) lr();
        float[] buf = momentum != 0f ? slots[0].data() : null;
        forEachChunk(param.numel(), (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                float d = g[go + i];
                if (weightDecay != 0f) d += weightDecay * p[po + i];
                if (buf != null) {
                    float b = firstStep ? d : momentum * buf[i] + (1f - dampening) * d;
                    buf[i] = b;
                    d = nesterov ? d + momentum * b : b;
                }
                p[po + i] -= lr * d;
            }
        });
    }

    /** Settings of {@link Sgd}; params and lr are required. */
    public static final class Builder {
        private List<Tensor> params;
        private double lr = Double.NaN;
        private double momentum;
        private double dampening;
        private boolean nesterov;
        private double weightDecay;

        public Builder setParams(List<Tensor> params) {
            this.params = params;
            return this;
        }

        public Builder setLr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optDampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Sgd build() {
            if (params == null) throw new IllegalArgumentException("Sgd: setParams(...) is required");
            if (Double.isNaN(lr)) throw new IllegalArgumentException("Sgd: setLr(...) is required");
            requireNonNegative("Sgd momentum", momentum);
            requireNonNegative("Sgd dampening", dampening);
            requireNonNegative("Sgd weight decay", weightDecay);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Sgd: Nesterov momentum needs momentum > 0 and dampening == 0, got momentum "
                        + momentum + ", dampening " + dampening);
            }
            return new Sgd(this);
        }
    }
}
