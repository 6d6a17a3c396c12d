package org.elman.nn;

import org.elman.ops.Pool;
import org.elman.tensor.Tensor;

/**
 * Max or average pooling over the time axis of a time-major sequence, e.g. to subsample frames:
 * {@code (T, N, F) -> (T', N, F)} with {@code T' = (T - k) / stride + 1} (no padding; frames past
 * the last full window are dropped). Output frame j covers input frames {@code [j s, j s + k)}.
 *
 * <pre>{@code
 * TimePool halve = TimePool.builder().setMode(TimePool.Mode.MAX).setKernelSize(2).build();
 * Tensor y = halve.forward(x);   // (T, N, F) -> (T / 2, N, F)
 * }</pre>
 */
public final class TimePool extends Module implements Layer {
    /** What a window reduces to. */
    public enum Mode { MAX, AVG }

    private final Mode mode;
    private final int kernel;
    private final int stride;

    private TimePool(Mode mode, int kernel, int stride) {
        this.mode = mode;
        this.kernel = kernel;
        this.stride = stride;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        return mode == Mode.MAX ? Pool.maxPoolTime(x, kernel, stride) : Pool.avgPoolTime(x, kernel, stride);
    }

    /** Output frames for {@code t} input frames (0 when shorter than the kernel). */
    public int outputLength(int t) {
        return t < kernel ? 0 : (t - kernel) / stride + 1;
    }

    /** Settings of a {@link TimePool}: mode and kernel size are required. */
    public static final class Builder {
        private Mode mode;
        private int kernel = -1;
        private int stride = -1;

        public Builder setMode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder setKernelSize(int k) {
            this.kernel = k;
            return this;
        }

        /** Frames between windows (default: the kernel size). */
        public Builder optStride(int s) {
            this.stride = s;
            return this;
        }

        public TimePool build() {
            if (mode == null) throw new IllegalStateException("TimePool mode (setMode) is required but was not set");
            Builders.positive(kernel, "TimePool kernel size (setKernelSize)");
            int s = stride == -1 ? kernel : Builders.positive(stride, "TimePool stride");
            return new TimePool(mode, kernel, s);
        }
    }
}
