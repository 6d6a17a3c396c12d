package org.elman.ops;

import org.elman.autograd.Graph;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Fused, differentiable normalisations; each records one node whose backward uses the closed-form
 * gradient (statistics computed in double).
 *
 * <p>Batch normalisation, per channel c over the M = outer * inner elements of that channel:
 * {@code y = gamma[c] (x - mu[c]) / sqrt(var[c] + eps) + beta[c]}. In training mode mu and the
 * biased var are the batch statistics and the gradient flows through them:
 * {@code dx = gamma invstd (g - mean(g) - xhat mean(g xhat))}. In eval mode they are constants.
 *
 * <p>Layer normalisation over the last axis of each row, same formula with per-row statistics and
 * per-feature gamma and beta.
 */
public final class Norm {
    private Norm() {}

    /** A tensor seen as {@code (outer, channels, inner)} with the normalised channel in the middle. */
    public record ChannelLayout(int outer, int channels, int inner) {
        /** Channels on the last axis: {@code (..., F)}, e.g. time-major {@code (T, N, F)}. */
        public static ChannelLayout lastAxis(int[] shape) {
            if (shape.length < 1) throw new IllegalArgumentException("batch norm needs at least one axis, got a scalar");
            return new ChannelLayout(Shapes.prod(shape, 0, shape.length - 1), shape[shape.length - 1], 1);
        }

        /** Channels on axis 1: {@code (N, C, H, W)} or {@code (N, C, L)}. */
        public static ChannelLayout channelsFirst(int[] shape) {
            if (shape.length < 2) throw new IllegalArgumentException("channels-first batch norm needs (N, C, ...), got " + Shapes.str(shape));
            return new ChannelLayout(shape[0], shape[1], Shapes.prod(shape, 2, shape.length));
        }

        /** Elements per channel. */
        public int count() {
            return outer * inner;
        }

        int at(int o, int c, int i) {
            return (o * channels + c) * inner + i;
        }
    }

    /** Per-channel statistics of one normalisation; in training mode also the position weights and their total. */
    private record Stats(float[] mean, float[] invstd, float[] weight, double total) {
        boolean fromBatch() {
            return total > 0;
        }

        double weight(int position) {
            return weight == null ? 1.0 : weight[position];
        }
    }

    /**
     * Training-mode batch norm. Writes the batch mean and the biased batch variance of each channel
     * into {@code meanOut} and {@code varOut} (for the caller's running statistics).
     */
    public static Tensor batchNormTrain(Tensor x, ChannelLayout l, Tensor gamma, Tensor beta, float eps,
                                        float[] meanOut, float[] varOut) {
        return batchNormTrain(x, l, gamma, beta, eps, null, meanOut, varOut);
    }

    /**
     * Training-mode batch norm whose statistics weight each position {@code (outer, inner)} by
     * {@code weights[o * inner + i]} (null: all 1), e.g. a 0/1 mask that leaves padded frames out:
     * {@code mu = sum(w x) / sum(w)}, {@code var = sum(w (x - mu)^2) / sum(w)}. Every position is
     * normalised; the gradient reaches x through the statistics only where the weight is non-zero.
     */
    public static Tensor batchNormTrain(Tensor x, ChannelLayout l, Tensor gamma, Tensor beta, float eps,
                                        float[] weights, float[] meanOut, float[] varOut) {
        checkBatchNorm(x, l, gamma, beta, meanOut, varOut);
        double total = totalWeight(weights, l);
        float[] xd = x.data();
        int xo = x.offset();
        float[] invstd = new float[l.channels()];
        Stats st = new Stats(meanOut, invstd, weights, total);
        if (BatchNormKernels.useReference) batchStatsReference(xd, xo, l, eps, st, varOut);
        else batchStats(xd, xo, l, eps, st, varOut);
        return normalize(x, l, gamma, beta, new Stats(meanOut.clone(), invstd, weights == null ? null : weights.clone(), total));
    }

    private static void batchStats(float[] xd, int xo, ChannelLayout l, float eps, Stats st, float[] varOut) {
        double[] mean = BatchNormKernels.weightedSums(xd, xo, l, st.weight(), null);
        for (int c = 0; c < mean.length; c++) mean[c] /= st.total();
        double[] sq = BatchNormKernels.weightedSums(xd, xo, l, st.weight(), mean);
        for (int c = 0; c < mean.length; c++) {
            st.mean()[c] = (float) mean[c];
            varOut[c] = (float) (sq[c] / st.total());
            st.invstd()[c] = (float) (1.0 / Math.sqrt(sq[c] / st.total() + eps));
        }
    }

    private static void batchStatsReference(float[] xd, int xo, ChannelLayout l, float eps, Stats st, float[] varOut) {
        double total = st.total();
        float[] meanOut = st.mean();
        float[] invstd = st.invstd();
        Parallel.range(l.channels(), 1, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                double sum = 0;
                for (int o = 0; o < l.outer(); o++) {
                    for (int i = 0; i < l.inner(); i++) sum += st.weight(o * l.inner() + i) * xd[xo + l.at(o, c, i)];
                }
                double mean = sum / total;
                double sq = 0;
                for (int o = 0; o < l.outer(); o++) {
                    for (int i = 0; i < l.inner(); i++) {
                        double d = xd[xo + l.at(o, c, i)] - mean;
                        sq += st.weight(o * l.inner() + i) * d * d;
                    }
                }
                meanOut[c] = (float) mean;
                varOut[c] = (float) (sq / total);
                invstd[c] = (float) (1.0 / Math.sqrt(sq / total + eps));
            }
        });
    }

    private static double totalWeight(float[] weights, ChannelLayout l) {
        if (weights == null) return l.count();
        if (weights.length != l.count()) {
            throw new IllegalArgumentException("batch norm weights: " + weights.length + " values for " + l.count() + " positions per channel");
        }
        double total = 0;
        for (float w : weights) {
            if (!(w >= 0)) throw new IllegalArgumentException("batch norm weights must be >= 0, got " + w);
            total += w;
        }
        if (total == 0) throw new IllegalArgumentException("batch norm weights are all zero: no position to take statistics from");
        return total;
    }

    /** Eval-mode batch norm with fixed statistics (the running mean and variance). */
    public static Tensor batchNormEval(Tensor x, ChannelLayout l, Tensor gamma, Tensor beta, float eps,
                                       float[] mean, float[] var) {
        checkBatchNorm(x, l, gamma, beta, mean, var);
        float[] invstd = new float[l.channels()];
        for (int c = 0; c < invstd.length; c++) invstd[c] = (float) (1.0 / Math.sqrt(var[c] + (double) eps));
        return normalize(x, l, gamma, beta, new Stats(mean.clone(), invstd, null, 0));
    }

    private static Tensor normalize(Tensor x, ChannelLayout l, Tensor gamma, Tensor beta, Stats st) {
        Tensor y = Tensor.zeros(x.shape());
        float[] xd = x.data();
        int xo = x.offset();
        float[] yd = y.data();
        if (!BatchNormKernels.useReference && !Graph.needsGrad(x, gamma, beta)) {   // inference: x-hat is not kept
            BatchNormKernels.normalize(xd, xo, l, st.mean(), st.invstd(), affine(gamma, l.channels(), 1f),
                    affine(beta, l.channels(), 0f), null, yd);
            return y;
        }
        Tensor xhat = Tensor.zeros(x.shape());
        float[] hd = xhat.data();
        if (BatchNormKernels.useReference) {
            normalizeReference(xd, xo, l, gamma, beta, st, hd, yd);
        } else {
            BatchNormKernels.normalize(xd, xo, l, st.mean(), st.invstd(), affine(gamma, l.channels(), 1f),
                    affine(beta, l.channels(), 0f), hd, yd);
        }
        Tensor[] inputs = {x, gamma, beta};
        Graph.record("batch_norm", inputs, new Tensor[] {y}, g -> batchNormBackward(g[0], xhat, l, gamma, beta, st));
        return y;
    }

    private static void normalizeReference(float[] xd, int xo, ChannelLayout l, Tensor gamma, Tensor beta, Stats st,
                                           float[] hd, float[] yd) {
        Parallel.range(l.channels(), 1, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                float gm = gamma == null ? 1f : gamma.data()[gamma.offset() + c];
                float bt = beta == null ? 0f : beta.data()[beta.offset() + c];
                for (int o = 0; o < l.outer(); o++) {
                    for (int i = 0; i < l.inner(); i++) {
                        int at = l.at(o, c, i);
                        hd[at] = (xd[xo + at] - st.mean()[c]) * st.invstd()[c];
                        yd[at] = gm * hd[at] + bt;
                    }
                }
            }
        });
    }

    private static float[] affine(Tensor t, int channels, float fill) {
        float[] out = new float[channels];
        if (t == null) java.util.Arrays.fill(out, fill);
        else System.arraycopy(t.data(), t.offset(), out, 0, channels);
        return out;
    }

    /** {@code dx = gamma invstd (g - w sum(g) / W - w xhat sum(g xhat) / W)}, the w-terms only with batch statistics. */
    private static Tensor[] batchNormBackward(Tensor g, Tensor xhat, ChannelLayout l, Tensor gamma, Tensor beta, Stats st) {
        float[] gd = g.data();
        int go = g.offset();
        float[] hd = xhat.data();
        Tensor gx = Tensor.zeros(xhat.shape());
        float[] gxd = gx.data();
        float[] gGamma = new float[l.channels()];
        float[] gBeta = new float[l.channels()];
        if (BatchNormKernels.useReference) backwardReference(gd, go, hd, l, gamma, st, gxd, gGamma, gBeta);
        else backwardFast(gd, go, hd, l, gamma, st, gxd, gGamma, gBeta);
        return new Tensor[] {gx, gamma == null ? null : Tensor.of(gGamma, l.channels()), beta == null ? null : Tensor.of(gBeta, l.channels())};
    }

    private static void backwardFast(float[] gd, int go, float[] hd, ChannelLayout l, Tensor gamma, Stats st,
                                     float[] gxd, float[] gGamma, float[] gBeta) {
        int ch = l.channels();
        double[] sums = BatchNormKernels.gradientSums(gd, go, hd, l);
        float[] scale = affine(gamma, ch, 1f);
        double[] mg = new double[ch];
        double[] mgh = new double[ch];
        for (int c = 0; c < ch; c++) {
            gBeta[c] = (float) sums[c];
            gGamma[c] = (float) sums[ch + c];
            scale[c] *= st.invstd()[c];
            mg[c] = st.fromBatch() ? sums[c] / st.total() : 0;
            mgh[c] = st.fromBatch() ? sums[ch + c] / st.total() : 0;
        }
        BatchNormKernels.inputGradient(gd, go, hd, l, st.weight(), scale, mg, mgh, gxd);
    }

    private static void backwardReference(float[] gd, int go, float[] hd, ChannelLayout l, Tensor gamma, Stats st,
                                          float[] gxd, float[] gGamma, float[] gBeta) {
        Parallel.range(l.channels(), 1, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                double sg = 0;
                double sgh = 0;
                for (int o = 0; o < l.outer(); o++) {
                    for (int i = 0; i < l.inner(); i++) {
                        int at = l.at(o, c, i);
                        sg += gd[go + at];
                        sgh += gd[go + at] * hd[at];
                    }
                }
                gGamma[c] = (float) sgh;
                gBeta[c] = (float) sg;
                float scale = (gamma == null ? 1f : gamma.data()[gamma.offset() + c]) * st.invstd()[c];
                double mg = st.fromBatch() ? sg / st.total() : 0;
                double mgh = st.fromBatch() ? sgh / st.total() : 0;
                for (int o = 0; o < l.outer(); o++) {
                    for (int i = 0; i < l.inner(); i++) {
                        int at = l.at(o, c, i);
                        double w = st.weight(o * l.inner() + i);
                        gxd[at] = (float) (scale * (gd[go + at] - w * (mg + hd[at] * mgh)));
                    }
                }
            }
        });
    }

    /**
     * Layer norm over the last axis: {@code (..., F) -> (..., F)}, gamma and beta of shape
     * {@code (F)} or null.
     */
    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        if (x.dim() < 1) throw new IllegalArgumentException("layer norm needs at least one axis, got a scalar");
        int f = x.size(-1);
        checkAffine(f, gamma, beta, "layer norm");
        int rows = x.numel() / Math.max(1, f);
        Tensor xhat = Tensor.zeros(x.shape());
        Tensor y = Tensor.zeros(x.shape());
        float[] invstd = new float[rows];
        float[] xd = x.data();
        int xo = x.offset();
        float[] hd = xhat.data();
        float[] yd = y.data();
        Parallel.range(rows, Math.max(1, 4096 / Math.max(1, f)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int base = r * f;
                double sum = 0;
                for (int j = 0; j < f; j++) sum += xd[xo + base + j];
                double mean = sum / f;
                double sq = 0;
                for (int j = 0; j < f; j++) sq += (xd[xo + base + j] - mean) * (xd[xo + base + j] - mean);
                invstd[r] = (float) (1.0 / Math.sqrt(sq / f + eps));
                for (int j = 0; j < f; j++) {
                    hd[base + j] = (float) ((xd[xo + base + j] - mean) * invstd[r]);
                    yd[base + j] = affine(hd[base + j], gamma, beta, j);
                }
            }
        });
        Tensor[] inputs = {x, gamma, beta};
        Graph.record("layer_norm", inputs, new Tensor[] {y}, g -> layerNormBackward(g[0], xhat, invstd, gamma, beta, rows, f));
        return y;
    }

    private static float affine(float h, Tensor gamma, Tensor beta, int j) {
        float v = gamma == null ? h : h * gamma.data()[gamma.offset() + j];
        return beta == null ? v : v + beta.data()[beta.offset() + j];
    }

    private static Tensor[] layerNormBackward(Tensor g, Tensor xhat, float[] invstd, Tensor gamma, Tensor beta, int rows, int f) {
        float[] gd = g.data();
        int go = g.offset();
        float[] hd = xhat.data();
        Tensor gx = Tensor.zeros(xhat.shape());
        float[] gxd = gx.data();
        Parallel.range(rows, Math.max(1, 4096 / Math.max(1, f)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int base = r * f;
                double sgh = 0;
                double sghx = 0;
                for (int j = 0; j < f; j++) {
                    double gh = gd[go + base + j] * (gamma == null ? 1f : gamma.data()[gamma.offset() + j]);
                    sgh += gh;
                    sghx += gh * hd[base + j];
                }
                for (int j = 0; j < f; j++) {
                    double gh = gd[go + base + j] * (gamma == null ? 1f : gamma.data()[gamma.offset() + j]);
                    gxd[base + j] = (float) (invstd[r] * (gh - sgh / f - hd[base + j] * sghx / f));
                }
            }
        });
        float[] gGamma = new float[f];
        float[] gBeta = new float[f];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < f; j++) {
                gGamma[j] += gd[go + r * f + j] * hd[r * f + j];
                gBeta[j] += gd[go + r * f + j];
            }
        }
        return new Tensor[] {gx, gamma == null ? null : Tensor.of(gGamma, f), beta == null ? null : Tensor.of(gBeta, f)};
    }

    private static void checkBatchNorm(Tensor x, ChannelLayout l, Tensor gamma, Tensor beta, float[] mean, float[] var) {
        if (x.numel() != l.outer() * l.channels() * l.inner()) {
            throw new IllegalArgumentException("batch norm layout " + l + " does not fit input " + Shapes.str(x.shape()));
        }
        if (mean.length != l.channels() || var.length != l.channels()) {
            throw new IllegalArgumentException("batch norm statistics hold " + mean.length + " and " + var.length
                    + " values for " + l.channels() + " channels");
        }
        checkAffine(l.channels(), gamma, beta, "batch norm");
    }

    private static void checkAffine(int channels, Tensor gamma, Tensor beta, String what) {
        if (gamma != null) Shapes.require(what + " weight", gamma.shape(), channels);
        if (beta != null) Shapes.require(what + " bias", beta.shape(), channels);
    }
}
