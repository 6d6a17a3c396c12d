package org.elman.optim;

import java.util.List;
import org.elman.tensor.Tensor;

/**
 * Gradient clipping over a list of parameters, applied in place to their gradients (parameters
 * without a gradient are skipped). Call after {@code backward()} and before the optimiser step.
 *
 * <pre>{@code
 * double norm = GradClip.byNorm(model.parameters(), 5.0);
 * opt.step();
 * }</pre>
 */
public final class GradClip {
    private GradClip() {}

    /** What to do when the global norm is NaN or infinite. */
    public enum NonFinite {
        /** Throw {@link NonFiniteGradientException}; gradients are left untouched. */
        THROW,
        /**
         * Leave the gradients untouched and return the non-finite norm, so the caller can skip
         * the step ({@code if (!Double.isFinite(norm)) { opt.zeroGrad(); continue; }}).
         */
        RETURN
    }

    /** Thrown when the gradients hold NaN or infinite values. */
    public static final class NonFiniteGradientException extends ArithmeticException {
        NonFiniteGradientException(String message) {
            super(message);
        }
    }

    /** Clamps every gradient element to {@code [-limit, limit]}. */
    public static void byValue(List<Tensor> params, double limit) {
        if (!(limit > 0)) throw new IllegalArgumentException("clip value must be > 0, got " + limit);
        float hi = (float) limit;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) continue;
            float[] d = g.data();
            int end = g.offset() + g.numel();
            for (int i = g.offset(); i < end; i++) {
                // NaN stays NaN: Math.max/min propagate it.
                d[i] = Math.max(-hi, Math.min(hi, d[i]));
            }
        }
    }

    /** {@link #byNorm(List, double, NonFinite)} with {@link NonFinite#THROW}. */
    public static double byNorm(List<Tensor> params, double maxNorm) {
        return byNorm(params, maxNorm, NonFinite.THROW);
    }

    /**
     * Rescales all gradients together so that their global L2 norm (over every element of every
     * gradient, accumulated in double) is at most {@code maxNorm}: when the norm exceeds it, each
     * gradient is multiplied by {@code maxNorm / (norm + 1e-6)} (PyTorch's {@code
     * clip_grad_norm_}). Returns the norm before clipping.
     */
    public static double byNorm(List<Tensor> params, double maxNorm, NonFinite policy) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("max norm must be > 0, got " + maxNorm);
        double norm = globalNorm(params);
        if (!Double.isFinite(norm)) {
            if (policy == NonFinite.THROW) {
                throw new NonFiniteGradientException("gradient norm is " + norm + "; first non-finite gradient is parameter "
                        + firstNonFinite(params) + " of " + params.size());
            }
            return norm;
        }
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1.0) scale(params, (float) coef);
        return norm;
    }

    /** Global L2 norm of all gradients, accumulated in double; 0 when none has a gradient. */
    public static double globalNorm(List<Tensor> params) {
        double sum = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) continue;
            float[] d = g.data();
            int end = g.offset() + g.numel();
            for (int i = g.offset(); i < end; i++) sum += (double) d[i] * d[i];
        }
        return Math.sqrt(sum);
    }

    private static void scale(List<Tensor> params, float coef) {
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) continue;
            float[] d = g.data();
            int end = g.offset() + g.numel();
            for (int i = g.offset(); i < end; i++) d[i] *= coef;
        }
    }

    private static int firstNonFinite(List<Tensor> params) {
        for (int k = 0; k < params.size(); k++) {
            Tensor g = params.get(k).grad();
            if (g == null) continue;
            for (float v : g.toArray()) if (!Float.isFinite(v)) return k;
        }
        return -1;
    }
}
