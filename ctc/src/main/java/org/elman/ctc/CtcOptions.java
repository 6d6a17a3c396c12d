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

    private final int blank;
    private final Reduction reduction;
    private final boolean zeroInfinity;
    private final Input input;
    private final boolean gradients;

    private CtcOptions(Builder b) {
        this.blank = b.blank;
        this.reduction = b.reduction;
        this.zeroInfinity = b.zeroInfinity;
        this.input = b.input;
        this.gradients = b.gradients;
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

    /** A copy with another reduction. */
    public CtcOptions withReduction(Reduction r) {
        return builder().optBlank(blank).optReduction(r).optZeroInfinity(zeroInfinity).optInput(input)
                .optGradients(gradients).build();
    }

    /** A copy with gradients switched on or off. */
    public CtcOptions withGradients(boolean on) {
        return builder().optBlank(blank).optReduction(reduction).optZeroInfinity(zeroInfinity).optInput(input)
                .optGradients(on).build();
    }

    @Override
    public String toString() {
        return "CtcOptions{blank=" + blank + ", reduction=" + reduction + ", zeroInfinity=" + zeroInfinity
                + ", input=" + input + ", gradients=" + gradients + "}";
    }

    public static final class Builder {
        private int blank = 0;
        private Reduction reduction = Reduction.MEAN;
        private boolean zeroInfinity = false;
        private Input input = Input.LOGITS;
        private boolean gradients = true;

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

        public CtcOptions build() {
            if (blank < 0) throw new IllegalArgumentException("blank index must be >= 0, got " + blank);
            if (reduction == null) throw new IllegalArgumentException("reduction must not be null");
            if (input == null) throw new IllegalArgumentException("input kind must not be null");
            return new CtcOptions(this);
        }
    }
}
