package org.elman.ctc;

import org.elman.autograd.Graph;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Tensor;

/**
 * Connectionist temporal classification loss (Graves et al., 2006), computed in log space with
 * double-precision recursions, parallel over the batch.
 *
 * <p>Shapes: input {@code (T, N, V)} time-major (V includes the blank), {@code inputLengths (N)},
 * targets as {@code int[N][]} or one flat concatenation with {@code targetLengths (N)} (as PyTorch).
 * The loss of sequence n is {@code -log p(targets_n | input[0:inputLengths_n, n])}; frames past a
 * sequence's length are ignored and get zero gradient.
 *
 * <p>Gradients. With {@link CtcOptions.Input#LOGITS} log-softmax is fused (as warp-ctc) and the
 * gradient is {@code softmax - gamma}, gamma being the posterior occupancy of each symbol per frame.
 * With {@link CtcOptions.Input#LOG_PROBS} the gradient is the exact derivative w.r.t. the log-probs,
 * {@code -gamma}. (PyTorch's {@code ctc_loss} returns {@code exp(lp) - gamma} there; the two differ by a
 * term that log-softmax's backward removes, so the gradient that reaches the logits is the same.)
 * An infinite loss (a target that cannot fit in its frames) gets zero gradient (a deviation:
 * PyTorch gives NaN there unless {@code zero_infinity}); with {@code zeroInfinity} its loss is 0 too.
 *
 * <pre>{@code
 * CtcResult r = CtcLoss.compute(logits, inputLengths, targets, targetLengths, CtcOptions.defaults());
 * Tensor loss = CtcLoss.loss(logits, inputLengths, targets, targetLengths, CtcOptions.defaults());
 * loss.backward();   // logits.grad() now holds r.gradient()
 * }</pre>
 */
public final class CtcLoss {
    private static final ThreadLocal<CtcWorkspace> DEFAULT_WORKSPACE = ThreadLocal.withInitial(CtcWorkspace::new);

    private CtcLoss() {}

    /** Loss and gradient with targets given per sequence (row n holds at least {@code targetLengths[n]} labels). */
    public static CtcResult compute(Tensor input, int[] inputLengths, int[][] targets, int[] targetLengths,
                                    CtcOptions options) {
        return compute(input, inputLengths, targets, targetLengths, options, DEFAULT_WORKSPACE.get());
    }

    /** Loss and gradient with targets as one flat concatenation, as PyTorch's 1-d targets. */
    public static CtcResult compute(Tensor input, int[] inputLengths, int[] flatTargets, int[] targetLengths,
                                    CtcOptions options) {
        return compute(input, inputLengths, split(flatTargets, targetLengths), targetLengths, options);
    }

    /** As {@link #compute(Tensor, int[], int[][], int[], CtcOptions)} with an explicit workspace. */
    public static CtcResult compute(Tensor input, int[] inputLengths, int[][] targets, int[] targetLengths,
                                    CtcOptions options, CtcWorkspace workspace) {
        CtcValidation.check(input, inputLengths, targets, targetLengths, options);
        int[] shape = input.shape();
        int frames = shape[0];
        int batch = shape[1];
        int vocab = shape[2];
        Tensor grad = options.gradients() ? Tensor.zeros(shape) : null;
        float[] losses = new float[batch];
        boolean logits = options.input() == CtcOptions.Input.LOGITS;
        Parallel.range(batch, 1, (lo, hi) -> {
            CtcWorkspace.Scratch scratch = workspace.take();
            try {
                for (int n = lo; n < hi; n++) {
                    CtcKernel.Slice slice = new CtcKernel.Slice(input.data(), input.offset() + n * vocab,
                            grad == null ? null : grad.data(), n * vocab, batch * vocab, vocab);
                    double nll = CtcKernel.run(slice, inputLengths[n], targets[n], targetLengths[n],
                            options.blank(), logits, grad != null, scratch);
                    if (Double.isInfinite(nll) && options.zeroInfinity()) nll = 0.0;
                    losses[n] = (float) nll;
                }
            } finally {
                workspace.give(scratch);
            }
        });
        double[] weights = weights(options.reduction(), targetLengths);
        if (grad != null) scaleRows(grad, weights, frames, batch, vocab);
        double loss = 0;
        for (int n = 0; n < batch; n++) loss += weights[n] * losses[n];
        return new CtcResult(losses, loss, grad);
    }

    /**
     * The differentiable form: a scalar for SUM and MEAN, {@code (N)} for NONE; {@code backward()}
     * reaches the input (the gradient is the one {@link #compute} documents).
     */
    public static Tensor loss(Tensor input, int[] inputLengths, int[][] targets, int[] targetLengths,
                              CtcOptions options) {
        boolean track = Graph.needsGrad(input);
        CtcResult raw = compute(input, inputLengths, targets, targetLengths,
                options.withReduction(CtcOptions.Reduction.NONE).withGradients(track));
        double[] weights = weights(options.reduction(), targetLengths);
        int batch = weights.length;
        Tensor out;
        if (options.reduction() == CtcOptions.Reduction.NONE) {
            out = Tensor.of(raw.losses().clone(), batch);
        } else {
            double s = 0;
            for (int n = 0; n < batch; n++) s += weights[n] * raw.losses()[n];
            out = Tensor.scalar((float) s);
        }
        if (!track) return out;
        boolean perSequence = options.reduction() == CtcOptions.Reduction.NONE;
        return Graph.record1("ctc_loss", out, g -> {
            double[] scale = new double[batch];
            float[] gd = g[0] == null ? null : g[0].data();
            int go = g[0] == null ? 0 : g[0].offset();
            for (int n = 0; n < batch; n++) {
                double up = gd == null ? 0 : gd[go + (perSequence ? n : 0)];
                scale[n] = up * weights[n];
            }
            Tensor gi = raw.gradient().copy();
            int[] shape = gi.shape();
            scaleRows(gi, scale, shape[0], shape[1], shape[2]);
            return new Tensor[] {gi};
        }, input);
    }

    /** Flat-targets form of {@link #loss(Tensor, int[], int[][], int[], CtcOptions)}. */
    public static Tensor loss(Tensor input, int[] inputLengths, int[] flatTargets, int[] targetLengths,
                              CtcOptions options) {
        return loss(input, inputLengths, split(flatTargets, targetLengths), targetLengths, options);
    }

    /** Splits a flat concatenation of targets by their lengths. */
    public static int[][] split(int[] flatTargets, int[] targetLengths) {
        if (flatTargets == null || targetLengths == null) throw new IllegalArgumentException("targets and target lengths must not be null");
        int[][] out = new int[targetLengths.length][];
        int at = 0;
        for (int n = 0; n < targetLengths.length; n++) {
            int len = targetLengths[n];
            if (len < 0) throw new IllegalArgumentException("target length " + n + " is negative: " + len);
            if (at + len > flatTargets.length) {
                throw new IllegalArgumentException("target lengths sum past the " + flatTargets.length + " flat targets at sequence " + n);
            }
            out[n] = java.util.Arrays.copyOfRange(flatTargets, at, at + len);
            at += len;
        }
        if (at != flatTargets.length) {
            throw new IllegalArgumentException("target lengths sum to " + at + " but there are " + flatTargets.length + " flat targets");
        }
        return out;
    }

    private static double[] weights(CtcOptions.Reduction reduction, int[] targetLengths) {
        int batch = targetLengths.length;
        double[] w = new double[batch];
        for (int n = 0; n < batch; n++) {
            w[n] = reduction == CtcOptions.Reduction.MEAN ? 1.0 / (batch * (double) Math.max(1, targetLengths[n])) : 1.0;
        }
        return w;
    }

    private static void scaleRows(Tensor g, double[] scale, int frames, int batch, int vocab) {
        float[] d = g.data();
        int off = g.offset();
        for (int t = 0; t < frames; t++) {
            for (int n = 0; n < batch; n++) {
                float s = (float) scale[n];
                if (s == 1f) continue;
                int base = off + (t * batch + n) * vocab;
                for (int k = 0; k < vocab; k++) d[base + k] *= s;
            }
        }
    }
}
