package org.elman.nn;

import org.elman.ops.Norm;
import org.elman.ops.Norm.ChannelLayout;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015) per channel c:
 * {@code y = gamma[c] (x - mu[c]) / sqrt(var[c] + eps) + beta[c]}.
 *
 * <p>Channels are either the last axis, {@code (..., C)} such as time-major {@code (T, N, C)}
 * (PyTorch's BatchNorm1d over features), or axis 1 of {@code (N, C, H, W)} (BatchNorm2d). The
 * statistics of a channel run over every other axis.
 *
 * <p>Training mode normalises with the batch mean and biased batch variance and updates the
 * running statistics as PyTorch does: {@code running = (1 - momentum) running + momentum batch},
 * with the unbiased variance {@code var * M / (M - 1)} (M elements per channel). Eval mode
 * normalises with the running statistics. {@code running_mean} (init 0) and {@code running_var}
 * (init 1) are buffers; {@code weight} (gamma, init 1) and {@code bias} (beta, init 0) are
 * parameters unless built without affine. Padded frames of variable-length batches count in the
 * statistics unless a mask is passed to {@link #forward(Tensor, Tensor)}. Deviations from PyTorch:
 * no {@code num_batches_tracked} buffer and no cumulative-average mode.
 *
 * <pre>{@code
 * BatchNorm bn = BatchNorm.builder().setNumFeatures(32).optAxis(BatchNorm.Axis.CHANNELS_FIRST).build();
 * Tensor y = bn.forward(x);   // (N, 32, H, W); updates running stats in training mode
 * bn.eval();                  // now normalises with the running statistics
 * }</pre>
 */
public final class BatchNorm extends Module implements Layer {
    /** Where the channels are. */
    public enum Axis { LAST, CHANNELS_FIRST }

    private final Axis axis;
    private final float eps;
    private final float momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;

    private BatchNorm(Builder b) {
        axis = b.axis;
        eps = b.eps;
        momentum = b.momentum;
        weight = b.affine ? param("weight", Tensor.ones(b.features)) : null;
        bias = b.affine ? param("bias", Tensor.zeros(b.features)) : null;
        runningMean = buffer("running_mean", Tensor.zeros(b.features));
        runningVar = buffer("running_var", Tensor.ones(b.features));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * Like {@link #forward(Tensor)}, but in training mode the batch statistics (and so the running
     * statistics) are weighted by {@code mask}, whose shape is x's without the channel axis: e.g.
     * {@code (T, N)} for {@code (T, N, C)}, 1 for real frames and 0 for padding. Unbiased running
     * variance uses {@code M = sum(mask)}. Eval mode ignores the mask.
     */
    public Tensor forward(Tensor x, Tensor mask) {
        ChannelLayout l = layout(x);
        if (!isTraining()) {
            return Norm.batchNormEval(x, l, weight, bias, eps, runningMean.toArray(), runningVar.toArray());
        }
        float[] weights = mask == null ? null : maskWeights(x, mask);
        double count = l.count();
        if (weights != null) {
            count = 0;
            for (float w : weights) count += w;
        }
        if (count <= 1) {
            throw new IllegalArgumentException("batch norm in training mode needs more than 1 value per channel, input "
                    + Shapes.str(x.shape()) + (mask == null ? "" : " with mask total " + count));
        }
        float[] mean = new float[l.channels()];
        float[] var = new float[l.channels()];
        Tensor y = Norm.batchNormTrain(x, l, weight, bias, eps, weights, mean, var);
        updateRunning(mean, var, count);
        return y;
    }

    private float[] maskWeights(Tensor x, Tensor mask) {
        int[] s = x.shape();
        int channelAxis = axis == Axis.LAST ? s.length - 1 : 1;
        int[] expected = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) if (i != channelAxis) expected[j++] = s[i];
        Shapes.require("batch norm mask", mask.shape(), expected);
        return mask.toArray();
    }

    private ChannelLayout layout(Tensor x) {
        int[] s = x.shape();
        ChannelLayout l = axis == Axis.LAST ? ChannelLayout.lastAxis(s) : ChannelLayout.channelsFirst(s);
        if (l.channels() != numFeatures()) {
            throw new IllegalArgumentException("batch norm over " + numFeatures() + " channels got input " + Shapes.str(s)
                    + " (channels on " + (axis == Axis.LAST ? "the last axis" : "axis 1") + ")");
        }
        return l;
    }

    private void updateRunning(float[] mean, float[] var, double count) {
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        double unbias = count / (count - 1.0);
        for (int c = 0; c < mean.length; c++) {
            rm[runningMean.offset() + c] = (1 - momentum) * rm[runningMean.offset() + c] + momentum * mean[c];
            rv[runningVar.offset() + c] = (float) ((1 - momentum) * rv[runningVar.offset() + c] + momentum * var[c] * unbias);
        }
    }

    public int numFeatures() {
        return runningMean.size(0);
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    /** Gamma, or null without affine. */
    public Tensor weight() {
        return weight;
    }

    /** Beta, or null without affine. */
    public Tensor bias() {
        return bias;
    }

    /** Settings of a {@link BatchNorm}; the number of channels is required. */
    public static final class Builder {
        private int features = -1;
        private Axis axis = Axis.LAST;
        private float eps = 1e-5f;
        private float momentum = 0.1f;
        private boolean affine = true;

        public Builder setNumFeatures(int c) {
            this.features = c;
            return this;
        }

        /** Channel axis: {@link Axis#LAST} (default, sequences) or {@link Axis#CHANNELS_FIRST} (images). */
        public Builder optAxis(Axis axis) {
            this.axis = Builders.notNull(axis, "batch norm axis");
            return this;
        }

        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        /** Weight of the new batch in the running statistics, in (0, 1] (default 0.1). */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optAffine(boolean affine) {
            this.affine = affine;
            return this;
        }

        public BatchNorm build() {
            Builders.positive(features, "BatchNorm channels (setNumFeatures)");
            if (!(eps >= 0f) || Float.isInfinite(eps)) throw new IllegalArgumentException("BatchNorm eps must be >= 0, got " + eps);
            if (!(momentum > 0 && momentum <= 1)) throw new IllegalArgumentException("BatchNorm momentum must be in (0, 1], got " + momentum);
            return new BatchNorm(this);
        }
    }
}
