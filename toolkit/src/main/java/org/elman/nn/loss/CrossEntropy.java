package org.elman.nn.loss;

import java.util.Arrays;
import org.elman.autograd.Graph;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Cross-entropy of logits against integer targets, with log-softmax fused in (one node, computed
 * stably with the row maximum subtracted). Shapes: logits {@code (..., V)}, targets one int per
 * row (row-major over the leading axes {@code (...)}), optional mask of the leading shape.
 *
 * <p>Per row r with target t and {@code log p = log_softmax(x_r)}, with label smoothing eps:
 * {@code l_r = -(1 - eps) log p_t - (eps / V) sum_v log p_v}. Each row has weight
 * {@code w_r = mask_r} (1 without a mask), or 0 when {@code t} equals the ignore index.
 * Reductions: NONE gives {@code w_r l_r} per row (shape {@code (...)}); SUM gives
 * {@code sum_r w_r l_r}; MEAN gives {@code sum_r w_r l_r / sum_r w_r}, and 0 when every weight is
 * zero (PyTorch returns NaN there). Gradient: {@code dl_r/dx_r = w_r (softmax(x_r) - q_r)} with
 * {@code q_r = (1 - eps) onehot(t) + eps / V}, scaled by the reduction.
 *
 * <pre>{@code
 * CrossEntropy ce = CrossEntropy.builder().optIgnoreIndex(-1).optLabelSmoothing(0.1f).build();
 * Tensor loss = ce.compute(logits, targets, frameMask);   // logits (T, N, V), targets int[T*N]
 * }</pre>
 */
public final class CrossEntropy {
    private final Reduction reduction;
    private final int ignoreIndex;
    private final float smoothing;

    private CrossEntropy(Builder b) {
        reduction = b.reduction;
        ignoreIndex = b.ignoreIndex;
        smoothing = b.smoothing;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Unmasked loss. */
    public Tensor compute(Tensor logits, int[] targets) {
        return compute(logits, targets, null);
    }

    /**
     * @param logits  {@code (..., V)}
     * @param targets one class index per row of logits, each in {@code [0, V)} or the ignore index
     * @param mask    per-row weights of the leading shape (e.g. 1 for real frames, 0 for padding), or null
     */
    public Tensor compute(Tensor logits, int[] targets, Tensor mask) {
        if (logits.dim() < 1) throw new IllegalArgumentException("cross-entropy logits need a class axis, got a scalar");
        int[] lead = Arrays.copyOf(logits.shape(), logits.dim() - 1);
        int v = logits.size(-1);
        int rows = Shapes.numel(lead);
        if (targets.length != rows) {
            throw new IllegalArgumentException("cross-entropy: " + targets.length + " targets for logits " + Shapes.str(logits.shape())
                    + " (expected " + rows + ", one per row)");
        }
        if (mask != null) Shapes.require("cross-entropy mask", mask.shape(), lead);
        float[] w = weights(targets, mask, v);
        double wsum = 0;
        for (float x : w) wsum += x;
        float scale = reduction == Reduction.MEAN ? (wsum == 0 ? 0f : (float) (1 / wsum)) : 1f;
        float[] lse = new float[rows];
        float[] perRow = forwardRows(logits, targets, w, lse, rows, v);
        Tensor out;
        if (reduction == Reduction.NONE) {
            out = Tensor.of(perRow, lead);
        } else {
            double s = 0;
            for (float x : perRow) s += x;
            out = Tensor.scalar((float) (s * scale));
        }
        int[] t = targets.clone();
        return Graph.record1("cross_entropy", out, g -> new Tensor[] {backward(g[0], logits, t, w, lse, scale, rows, v)}, logits);
    }

    private float[] weights(int[] targets, Tensor mask, int v) {
        float[] w = new float[targets.length];
        for (int r = 0; r < targets.length; r++) {
            int t = targets[r];
            if (t == ignoreIndex) continue;
            if (t < 0 || t >= v) throw new IndexOutOfBoundsException("cross-entropy target " + t + " at row " + r + " is outside [0, " + v + ")");
            w[r] = mask == null ? 1f : mask.data()[mask.offset() + r];
        }
        return w;
    }

    /** Weighted per-row losses; also stores each row's log-sum-exp for backward. */
    private float[] forwardRows(Tensor logits, int[] targets, float[] w, float[] lse, int rows, int v) {
        float[] xd = logits.data();
        int xo = logits.offset();
        float[] out = new float[rows];
        Parallel.range(rows, Math.max(1, 4096 / Math.max(1, v)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int base = xo + r * v;
                float max = Float.NEGATIVE_INFINITY;
                double sumX = 0;
                for (int j = 0; j < v; j++) {
                    max = Math.max(max, xd[base + j]);
                    sumX += xd[base + j];
                }
                double s = 0;
                for (int j = 0; j < v; j++) s += Math.exp(xd[base + j] - max);
                double logZ = max + Math.log(s);
                lse[r] = (float) logZ;
                if (w[r] == 0f) continue;
                double nll = logZ - xd[base + targets[r]];
                double smooth = logZ - sumX / v;
                out[r] = (float) (w[r] * ((1 - smoothing) * nll + smoothing * smooth));
            }
        });
        return out;
    }

    private Tensor backward(Tensor g, Tensor logits, int[] targets, float[] w, float[] lse, float scale, int rows, int v) {
        Tensor gx = Tensor.zeros(logits.shape());
        float[] xd = logits.data();
        int xo = logits.offset();
        float[] gd = g.data();
        int go = g.offset();
        float[] out = gx.data();
        boolean perRow = reduction == Reduction.NONE;
        float uniform = smoothing / v;
        Parallel.range(rows, Math.max(1, 4096 / Math.max(1, v)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                float coef = w[r] * scale * gd[go + (perRow ? r : 0)];
                if (coef == 0f) continue;
                int base = r * v;
                for (int j = 0; j < v; j++) {
                    double p = Math.exp(xd[xo + base + j] - lse[r]);
                    out[base + j] = (float) (coef * (p - uniform));
                }
                out[base + targets[r]] -= coef * (1 - smoothing);
            }
        });
        return gx;
    }

    public Reduction reduction() {
        return reduction;
    }

    public int ignoreIndex() {
        return ignoreIndex;
    }

    public float labelSmoothing() {
        return smoothing;
    }

    /** Settings of a {@link CrossEntropy}; nothing is required. */
    public static final class Builder {
        private Reduction reduction = Reduction.MEAN;
        private int ignoreIndex = -100;
        private float smoothing;

        /** Default MEAN. */
        public Builder optReduction(Reduction r) {
            if (r == null) throw new IllegalArgumentException("reduction must not be null");
            this.reduction = r;
            return this;
        }

        /** Target value whose rows are skipped (default -100, as PyTorch). */
        public Builder optIgnoreIndex(int index) {
            this.ignoreIndex = index;
            return this;
        }

        /** Label smoothing eps in [0, 1) (default 0). */
        public Builder optLabelSmoothing(float eps) {
            this.smoothing = eps;
            return this;
        }

        public CrossEntropy build() {
            if (!(smoothing >= 0f && smoothing < 1f)) throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
            return new CrossEntropy(this);
        }
    }
}
