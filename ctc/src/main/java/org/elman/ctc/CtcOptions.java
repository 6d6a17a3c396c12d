package org.elman.ctc;

/**
 * Settings of {@link CtcLoss}: which index is the blank, how per-sequence losses are reduced,
 * whether infinite losses are zeroed, what the input holds and whether gradients are computed.
 *
 * <pre>{@code
 * CtcOptions opts = CtcOptions.builder().optBlank(0).optReduction(CtcOptions.Reduction.MEAN).build();
 * }</pre>
 */
public final class CtcOptions {
    /** How the per-sequence losses {@code (N)} become the returned loss. */
    public enum Reduction {
        /** Per-sequence losses, shape {@code (N)}. */
        NONE,
        /** Sum over the batch. */
        SUM,
        /** As PyTorch: each loss divided by its target length (at least 1), then averaged over the batch. */
        MEAN
    }

    /** What the {@code (T, N, V)} input holds. */
    public enum Input {
        /** Unnormalised scores; log-softmax over V is fused into the loss and the gradient is w.r.t. the logits. */
        LOGITS,
        /** Log-probabilities (already log-softmaxed); the gradient is the exact derivative w.r.t. them. */
        LOG_PROBS
    }

    /** Which alpha-beta kernel computes the loss; both give the same numbers to about 1e-9. */
    public enum Kernel {
        /**
         * Recursions in linear space with per-frame rescaling (a few multiply-adds per trellis cell).
         * Sequences it cannot compute to full accuracy (a row sum that underflows, non-finite values, or a
         * frame whose occupancy disagrees with the likelihood, which is what losing mass to underflow
         * looks like) are recomputed by {@link #LOG_SPACE} automatically. The default.
         */
        SCALED_LINEAR,
        /** The log-space reference: about six exp/log per cell, exact for any input. */
        LOG_SPACE
    }

    private final int blank;
    private final Reduction reduction;
    private final boolean zeroInfinity;
    private final Input input;
    private final boolean gradients;
    private final Kernel kernel;

    private CtcOptions(Builder b) {
        this.blank = b.blank;
        this.reduction = b.reduction;
        this.zeroInfinity = b.zeroInfinity;
        this.input = b.input;
        this.gradients = b.gradients;
        this.kernel = b.kernel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Blank at 0, mean reduction, logits input, infinite losses kept, gradients computed. */
    public static CtcOptions defaults() {
        return builder().build();
    }

    public int blank() {
        return blank;
    }

    public Reduction reduction() {
        return reduction;
    }

    public boolean zeroInfinity() {
        return zeroInfinity;
    }

    public Input input() {
        return input;
    }

    public boolean gradients() {
        return gradients;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** A copy with another reduction. */
    public CtcOptions withReduction(Reduction r) {
        return builder().optBlank(blank).optReduction(r).optZeroInfinity(zeroInfinity).optInput(input)
                .optGradients(gradients).optKernel(kernel).build();
    }

    /** A copy with another kernel. */
    public CtcOptions withKernel(Kernel k) {
        return builder().optBlank(blank).optReduction(reduction).optZeroInfinity(zeroInfinity).optInput(input)
                .optGradients(gradients).optKernel(k).build();
    }

    /** A copy with gradients switched on or off. */
    public CtcOptions withGradients(boolean on) {
        return builder().optBlank(blank).optReduction(reduction).optZeroInfinity(zeroInfinity).optInput(input)
                .optGradients(on).optKernel(kernel).build();
    }

    @Override
    public String toString() {
        return "CtcOptions{blank=" + blank + ", reduction=" + reduction + ", zeroInfinity=" + zeroInfinity
                + ", input=" + input + ", gradients=" + gradients + ", kernel=" + kernel + "}";
    }

    public static final class Builder {
        private int blank = 0;
        private Reduction reduction = Reduction.MEAN;
        private boolean zeroInfinity = false;
        private Input input = Input.LOGITS;
        private boolean gradients = true;
        private Kernel kernel = Kernel.SCALED_LINEAR;

        private Builder() {}

        /** Index of the blank symbol in V (default 0). */
        public Builder optBlank(int blank) {
            this.blank = blank;
            return this;
        }

        public Builder optReduction(Reduction reduction) {
            this.reduction = reduction;
            return this;
        }

        /** Replace infinite losses (impossible alignments) and their gradients by zero. */
        public Builder optZeroInfinity(boolean zeroInfinity) {
            this.zeroInfinity = zeroInfinity;
            return this;
        }

        public Builder optInput(Input input) {
            this.input = input;
            return this;
        }

        /** Compute gradients (default true); false runs the forward (alpha) pass only. */
        public Builder optGradients(boolean gradients) {
            this.gradients = gradients;
            return this;
        }

        /** The alpha-beta kernel (default {@link Kernel#SCALED_LINEAR}); {@link Kernel#LOG_SPACE} forces the reference. */
        public Builder optKernel(Kernel kernel) {
            this.kernel = kernel;
            return this;
        }

        public CtcOptions build() {
            if (blank < 0) throw new IllegalArgumentException("blank index must be >= 0, got " + blank);
            if (reduction == null) throw new IllegalArgumentException("reduction must not be null");
            if (input == null) throw new IllegalArgumentException("input kind must not be null");
            if (kernel == null) throw new IllegalArgumentException("kernel must not be null");
            return new CtcOptions(this);
        }
    }
}
