package org.elman.audio.feature;

/**
 * Sliding-window CMVN for streaming, defined frame by frame so any chunking gives the same output:
 * frame {@code t} is normalised with the statistics of frames {@code [max(0, t-W+1), t]} (itself and
 * up to {@code W-1} frames before it; no look-ahead). While fewer than {@code W} frames have been
 * seen and global stats are given, the global mean (and variance) fill the missing
 * {@code W - n} frames, as Kaldi's online CMVN does; without global stats only the seen frames count.
 * Variance normalisation ({@code normVars}) divides by the window's std-dev (floored at 1e-5).
 */
public final class OnlineCmvn {
    private final int dim;
    private final int window;
    private final boolean normVars;
    private final double[] priorMean;
    private final double[] priorSq;
    private final float[] ring;
    private final double[] sum;
    private final double[] sumSq;
    private long seen;

    /**
     * @param global optional global stats used as a prior for the first frames (may be null)
     */
    public OnlineCmvn(int dim, int windowFrames, boolean normVars, CmvnStats global) {
        if (dim < 1 || windowFrames < 1) {
            throw new IllegalArgumentException("OnlineCmvn needs dim >= 1 and windowFrames >= 1, got " + dim + ", " + windowFrames);
        }
        if (global != null && global.dim() != dim) {
            throw new IllegalArgumentException("global CMVN stats have dim " + global.dim() + ", expected " + dim);
        }
        this.dim = dim;
        this.window = windowFrames;
        this.normVars = normVars;
        this.ring = new float[windowFrames * dim];
        this.sum = new double[dim];
        this.sumSq = new double[dim];
        if (global != null) {
            this.priorMean = global.mean();
            double[] sd = global.std();
            this.priorSq = new double[dim];
            for (int c = 0; c < dim; c++) priorSq[c] = sd[c] * sd[c] + priorMean[c] * priorMean[c];
        } else {
            this.priorMean = null;
            this.priorSq = null;
        }
    }

    /** Normalises the next frames in order, in place ({@code frames} holds whole frames). */
    public void process(float[] frames, int off, int numFrames) {
        for (int f = 0; f < numFrames; f++) processFrame(frames, off + f * dim);
    }

    /** Normalises a whole utterance (a copy), frame by frame, from a fresh state. */
    public static FeatureMatrix apply(FeatureMatrix m, int windowFrames, boolean normVars, CmvnStats global) {
        float[] out = m.data().clone();
        new OnlineCmvn(m.dim(), windowFrames, normVars, global).process(out, 0, m.numFrames());
        return new FeatureMatrix(out, m.numFrames(), m.dim());
    }

    private void processFrame(float[] x, int p) {
        int slot = (int) (seen % window) * dim;
        boolean full = seen >= window;
        for (int c = 0; c < dim; c++) {
            double v = x[p + c];
            if (full) {
                double old = ring[slot + c];
                sum[c] -= old;
                sumSq[c] -= old * old;
            }
            sum[c] += v;
            sumSq[c] += v * v;
            ring[slot + c] = x[p + c];
        }
        seen++;
        long n = Math.min(seen, window);
        double fill = priorMean == null ? 0 : window - n;
        double count = n + fill;
        for (int c = 0; c < dim; c++) {
            double s = sum[c] + (fill > 0 ? fill * priorMean[c] : 0);
            double mean = s / count;
            double v = x[p + c] - mean;
            if (normVars) {
                double sq = sumSq[c] + (fill > 0 ? fill * priorSq[c] : 0);
                double var = Math.max(sq / count - mean * mean, 1e-10);
                v /= Math.sqrt(var);
            }
            x[p + c] = (float) v;
        }
    }
}
