package org.elman.nn;

import java.util.Random;
import org.elman.ops.Conv;
import org.elman.ops.Conv.TimeContext;
import org.elman.tensor.Tensor;

/**
 * Time-delay (TDNN) layer: a 1-d convolution over the time axis of a time-major sequence with an
 * arbitrary set of context offsets. Shapes: {@code x (T, N, F) -> y (T', N, O)}, weight
 * {@code (O, K*F)} for K offsets, bias {@code (O)}.
 *
 * <p>{@code y[j, n] = b + sum_k W_k x[c_j + o_k, n]}, where {@code W_k} is the k-th block of F
 * columns of the weight. Which input frame {@code c_j} output frame j is centred on, and how many
 * output frames there are, is set by {@link TimeContext}: without padding only frames whose whole
 * context is inside the input are produced ({@code c_j = -o_1 + j * stride}); with padding,
 * {@code c_j = j * stride} and missing frames read as zeros. A stride above 1 subsamples.
 *
 * <p>Context is either explicit offsets ({@code {-3, 0, 3}}, need not be evenly spaced) or a kernel
 * size k with dilation d, which means the centred offsets {@code (i - (k-1)/2) d}. Deviation from
 * PyTorch's Conv1d: the weight layout is {@code (O, K, F)} flattened (Kaldi's spliced layout), not
 * {@code (O, F, K)}. Initialisation as PyTorch: {@code U(-1/sqrt(K F), 1/sqrt(K F))}.
 *
 * <p>Computed as a gather of the context frames followed by one GEMM ({@link Conv#conv1dTime}).
 *
 * <pre>{@code
 * Conv1d tdnn = Conv1d.builder().setInFeatures(512).setOutFeatures(512).setOffsets(-3, 0, 3).optStride(3).build();
 * Tensor y = tdnn.forward(x);   // (T, N, 512) -> (T', N, 512)
 * }</pre>
 */
public final class Conv1d extends Module implements Layer {
    private final TimeContext context;
    private final Tensor weight;
    private final Tensor bias;

    private Conv1d(Builder b, TimeContext context) {
        this.context = context;
        int fanIn = context.size() * b.in;
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        weight = param("weight", Init.uniform(b.rng, bound, b.out, fanIn));
        bias = b.bias ? param("bias", Init.uniform(b.rng, bound, b.out)) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Conv.conv1dTime(x, weight, bias, context);
    }

    /** The offsets, stride and padding mode. */
    public TimeContext context() {
        return context;
    }

    /** Output frames for an input of {@code t} frames. */
    public int outputLength(int t) {
        return context.outputLength(t);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    /** Settings of a {@link Conv1d}: features, and either offsets or a kernel size, are required. */
    public static final class Builder {
        private int in = -1;
        private int out = -1;
        private int[] offsets;
        private int kernel = -1;
        private int dilation = 1;
        private int stride = 1;
        private boolean padded;
        private boolean bias = true;
        private Random rng = new Random(0);

        public Builder setInFeatures(int in) {
            this.in = in;
            return this;
        }

        public Builder setOutFeatures(int out) {
            this.out = out;
            return this;
        }

        /** Context offsets, strictly increasing, e.g. {@code -2, 0, 2}. Excludes {@link #setKernelSize}. */
        public Builder setOffsets(int... offsets) {
            this.offsets = offsets.clone();
            return this;
        }

        /** Kernel size k (centred offsets, spaced by the dilation). Excludes {@link #setOffsets}. */
        public Builder setKernelSize(int k) {
            this.kernel = k;
            return this;
        }

        /** Spacing of the kernel taps (default 1); only with {@link #setKernelSize}. */
        public Builder optDilation(int d) {
            this.dilation = d;
            return this;
        }

        /** Output every stride-th frame (default 1). */
        public Builder optStride(int s) {
            this.stride = s;
            return this;
        }

        /** Zero-pad so every stride-th input frame gets an output (default false: valid frames only). */
        public Builder optPadded(boolean padded) {
            this.padded = padded;
            return this;
        }

        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public Builder optRandom(Random rng) {
            this.rng = Builders.notNull(rng, "random source");
            return this;
        }

        public Conv1d build() {
            Builders.positive(in, "Conv1d in features (setInFeatures)");
            Builders.positive(out, "Conv1d out features (setOutFeatures)");
            if ((offsets == null) == (kernel == -1)) {
                throw new IllegalStateException("Conv1d needs exactly one of setOffsets or setKernelSize");
            }
            if (offsets != null && dilation != 1) throw new IllegalArgumentException("Conv1d dilation applies to setKernelSize, not to explicit offsets");
            TimeContext ctx = offsets != null ? new TimeContext(offsets, stride, padded)
                    : TimeContext.ofKernel(kernel, dilation, stride, padded);
            return new Conv1d(this, ctx);
        }
    }
}
