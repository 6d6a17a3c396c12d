package org.elman.autograd;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.elman.tensor.Tensor;

/**
 * Finite-difference gradient check, the way {@code torch.autograd.gradcheck} does it but in
 * float32: the analytic gradient of {@code sum(f() * w)} for a fixed random {@code w} is compared
 * with central differences for every element of every input.
 */
public final class GradCheck {
    private GradCheck() {}

    /** The largest error found, with where it was found. */
    public record Result(double maxError, String where) {
        public boolean passed(double tolerance) {
            return maxError <= tolerance;
        }
    }

    /**
     * @param f       recomputes the output from the current values of {@code inputs}
     * @param inputs  tensors with {@code requiresGrad(true)} whose elements are perturbed in place
     * @param eps     finite-difference step (1e-2 to 1e-3 suits float32)
     * @return max over elements of |analytic - numeric| / max(1, |numeric|)
     */
    public static Result check(Supplier<Tensor> f, List<Tensor> inputs, float eps) {
        Tensor probe = f.get();
        Tensor w = Tensor.uniform(new Random(7), -1f, 1f, probe.shape());
        for (Tensor in : inputs) in.zeroGrad();
        Tensor loss = probe.mul(w).sum();
        loss.backward();
        double worst = 0;
        String where = "none";
        for (int k = 0; k < inputs.size(); k++) {
            Tensor in = inputs.get(k);
            float[] d = in.data();
            for (int i = 0; i < in.numel(); i++) {
                int at = in.offset() + i;
                float keep = d[at];
                double plus;
                double minus;
                try (GradMode.Scope s = GradMode.noGrad()) {
                    d[at] = keep + eps;
                    plus = weighted(f.get(), w);
                    d[at] = keep - eps;
                    minus = weighted(f.get(), w);
                }
                d[at] = keep;
                double numeric = (plus - minus) / (2 * eps);
                double analytic = in.grad() == null ? 0 : in.grad().data()[in.grad().offset() + i];
                double err = Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric));
                if (err > worst) {
                    worst = err;
                    where = "input " + k + " element " + i + ": analytic " + analytic + " numeric " + numeric;
                }
            }
        }
        return new Result(worst, where);
    }

    private static double weighted(Tensor out, Tensor w) {
        double s = 0;
        float[] od = out.data();
        float[] wd = w.data();
        for (int i = 0; i < out.numel(); i++) s += (double) od[out.offset() + i] * wd[w.offset() + i];
        return s;
    }
}
