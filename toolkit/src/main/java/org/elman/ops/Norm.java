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

    /**
     * Training-mode batch norm. Writes the batch mean and the biased batch variance of each channel
     * into {@code meanOut} and {@code varOut} (for the caller's running statistics).
     */
    public static Tensor batchNormTrain(Tensor x, ChannelLayout l, Tensor gamma, Tensor beta, float eps,
                                        float[] meanOut, float[] varOut) {
        checkBatchNorm(x, l, gamma, beta, meanOut, varOut);
        float[] xd = x.data();
        int xo = x.offset();
        float[] invstd = new float[l.channels()];
        Parallel.range(l.channels(), 1, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                double sum = 0;
                for (int o = 0; o < l.outer(); o++) for (int i = 0; i < l.inner(); i++) sum += xd[xo + l.at(o, c, i)];
                double mean = sum / l.count();
                double sq = 0;
                for (int o = 0; o < l.outer(); o++) {
                    for (int i = 0; i < l.inner(); i++) {
                        double d = xd[xo + l.at(o, c, i)] - mean;
                        sq += d * d;
                    }
                }
                meanOut[c] = (float) mean;
                varOut[c] = (float) (sq / l.count());
                invstd[c] = (float) (1.0 / Math.sqrt(sq / l.count() + eps));
            }
        });
        return normalize(x, l, gamma, beta, meanOut.clone(), invstd, true);
    }

    /** Eval-mode batch norm with fixed statistics (the running mean and variance). */
    public static Tensor batchNormEval(Tensor x, ChannelLayout l, Tensor gamma, Tensor beta, float eps,
                                       float[] mean, float[] var) {
        checkBatchNorm(x, l, gamma, beta, mean, var);
        float[] invstd = new float[l.channels()];
        for (int c = 0; c < invstd.length; c++) invstd[c] = (float) (1.0 / Math.sqrt(var[c] + (double) eps));
        return normalize(x, l, gamma, beta, mean.clone(), invstd, false);
    }

    private static Tensor normalize(Tensor x, ChannelLayout l, Tensor gamma, Tensor beta, float[] mean, float[] invstd,
                                    boolean batchStats) {
        Tensor xhat = Tensor.zeros(x.shape());
        Tensor y = Tensor.zeros(x.shape());
        float[] xd = x.data();
        int xo = x.offset();
        float[] hd = xhat.data();
        float[] yd = y.data();
        Parallel.range(l.channels(), 1, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                float gm = gamma == null ? 1f : gamma.data()[gamma.offset() + c];
                float bt = beta == null ? 0f : beta.data()[beta.offset() + c];
                for (int o = 0; o < l.outer(); o++) {
                    for (int i = 0; i < l.inner(); i++) {
                        int at = l.at(o, c, i);
                        hd[at] = (xd[xo + at] - mean[c]) * invstd[c];
                        yd[at] = gm * hd[at] + bt;
                    }
                }
            }
        });
        Tensor[] inputs = {x, gamma, beta};
        Graph.record("batch_norm", inputs, new Tensor[] {y}, g -> batchNormBackward(g[0], xhat, l, gamma, beta, invstd, batchStats, x));
        return y;
    }

    private static Tensor[] batchNormBackward(Tensor g, Tensor xhat, ChannelLayout l, Tensor gamma, Tensor beta,
                                              float[] invstd, boolean batchStats, Tensor x) {
        float[] gd = g.data();
        int go = g.offset();
        float[] hd = xhat.data();
        Tensor gx = Tensor.zeros(x.shape());
        float[] gxd = gx.data();
        float[] gGamma = new float[l.channels()];
        float[] gBeta = new float[l.channels()];
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
                float scale = (gamma == null ? 1f : gamma.data()[gamma.offset() + c]) * invstd[c];
                double mg = batchStats ? sg / l.count() : 0;
                double mgh = batchStats ? sgh / l.count() : 0;
                for (int o = 0; o < l.outer(); o++) {
                    for (int i = 0; i < l.inner(); i++) {
                        int at = l.at(o, c, i);
                        gxd[at] = (float) (scale * (gd[go + at] - mg - hd[at] * mgh));
                    }
                }
            }
        });
        return new Tensor[] {gx, gamma == null ? null : Tensor.of(gGamma, l.channels()), beta == null ? null : Tensor.of(gBeta, l.channels())};
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
