package org.elman.optim;

import java.util.List;
import java.util.function.Function;
import org.elman.tensor.Tensor;

/**
 * The shared update of {@link Adam} and {@link AdamW} (Kingma &amp; Ba, 2015; Loshchilov &amp;
 * Hutter, 2019), following PyTorch's single-tensor implementation. For a parameter {@code p} with
 * gradient {@code g} at its step {@code t}:
 *
 * <pre>
 *   coupled decay (Adam):    g = g + weightDecay * p
 *   decoupled decay (AdamW): p = p * (1 - lr * weightDecay)
 *   m = beta1 * m + (1 - beta1) * g                  slot "exp_avg"
 *   v = beta2 * v + (1 - beta2) * g * g              slot "exp_avg_sq"
 *   amsgrad: vMax = max(vMax, v), used for v below   slot "max_exp_avg_sq"
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Tensor elements are float32; the bias-correction scalars are computed in double.
 */
public abstract class AbstractAdam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    AbstractAdam(Builder<?> b, boolean decoupled) {
        super(b.params, b.lr);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = (float) b.eps;
        this.weightDecay = (float) b.weightDecay;
        this.amsgrad = b.amsgrad;
        this.decoupled = decoupled;
    }

    @Override
    protected final List<String> slotNames() {
        return amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    protected final void update(Tensor param, Tensor grad, Tensor[] slots, long step, boolean firstStep) {
        float[] p = param.data();
        float[] g = grad.data();
        int po = param.offset();
        int go = grad.offset();
        float[] m = slots[0].data();
        float[] v = slots[1].data();
        float[] vMax = amsgrad ? slots[2].data() : null;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float decay = decoupled ? (float) (1.0 - lr() * weightDecay) : 1f;
        float l2 = decoupled ? 0f : weightDecay;
        float stepSize = (float) (lr() / (1.0 - Math.pow(beta1, step)));
        float bc2Sqrt = (float) Math.sqrt(1.0 - Math.pow(beta2, step));
        forEachChunk(param.numel(), (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                float pi = p[po + i] * decay;
                float gi = g[go + i] + l2 * p[po + i];
                float mi = b1 * m[i] + (1f - b1) * gi;
                float vi = b2 * v[i] + (1f - b2) * gi * gi;
                m[i] = mi;
                v[i] = vi;
                if (vMax != null) {
                    vi = Math.max(vMax[i], vi);
                    vMax[i] = vi;
                }
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
                p[po + i] = pi - stepSize * (mi / denom);
            }
        });
    }

    /** Settings of {@link Adam} and {@link AdamW}; params and lr are required. */
    public static final class Builder<O extends AbstractAdam> {
        private final Function<Builder<O>, O> factory;
        private final String name;
        private List<Tensor> params;
        private double lr = Double.NaN;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;
        private boolean amsgrad;

        Builder(String name, double defaultWeightDecay, Function<Builder<O>, O> factory) {
            this.name = name;
            this.weightDecay = defaultWeightDecay;
            this.factory = factory;
        }

        public Builder<O> setParams(List<Tensor> params) {
            this.params = params;
            return this;
        }

        public Builder<O> setLr(double lr) {
            this.lr = lr;
            return this;
        }

        /** Decay rates of the first and second moment estimates (default 0.9, 0.999). */
        public Builder<O> optBetas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Added to the denominator for numerical stability (default 1e-8). */
        public Builder<O> optEps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Weight decay (default 0 for Adam, 0.01 for AdamW as in PyTorch). */
        public Builder<O> optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Use the running maximum of the second moment (Reddi et al., 2018). */
        public Builder<O> optAmsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        public O build() {
            if (params == null) throw new IllegalArgumentException(name + ": setParams(...) is required");
            if (Double.isNaN(lr)) throw new IllegalArgumentException(name + ": setLr(...) is required");
            requireUnitInterval(name + " beta1", beta1);
            requireUnitInterval(name + " beta2", beta2);
            requireNonNegative(name + " eps", eps);
            requireNonNegative(name + " weight decay", weightDecay);
            return factory.apply(this);
        }
    }
}
