package org.elman.audio.feature;

import java.util.Arrays;

/**
 * Streaming version of {@link Deltas}: frame {@code t} is output once the frames up to
 * {@code t + order * window} have arrived (or the input has finished, when the last frame is
 * repeated as in the offline computation), so the output equals {@code Deltas.compute} for any
 * chunking. Not thread-safe.
 */
public final class OnlineDeltas {
    private final int dim;
    private final int outDim;
    private final double[][] filters;
    private final int context;
    private float[] in = new float[0];
    private int numIn;
    private float[] out = new float[0];
    private int numOut;
    private boolean finished;

    public OnlineDeltas(int dim, int order, int window) {
        if (dim < 1) throw new IllegalArgumentException("delta input dim must be >= 1, got " + dim);
        if (order < 0 || window < 1) {
            throw new IllegalArgumentException("delta order must be >= 0 and window >= 1, got " + order + ", " + window);
        }
        this.dim = dim;
        this.outDim = dim * (order + 1);
        this.filters = Deltas.filters(order, window);
        this.context = order * window;
    }

    /** Values per output frame: {@code dim * (order + 1)}. */
    public int dim() {
        return outDim;
    }

    /** Appends {@code numFrames} whole frames of {@code dim} values. */
    public void accept(float[] frames, int off, int numFrames) {
        if (finished) throw new IllegalStateException("accept after inputFinished");
        if (numIn + numFrames > in.length / dim) in = Arrays.copyOf(in, Math.max(numIn + numFrames, 2 * numIn) * dim);
        System.arraycopy(frames, off, in, numIn * dim, numFrames * dim);
        numIn += numFrames;
        computeReady();
    }

    public void inputFinished() {
        finished = true;
        computeReady();
    }

    public int numFramesReady() {
        return numOut;
    }

    /** Copies output frames {@code [start, start+count)}. */
    public FeatureMatrix frames(int start, int count) {
        if (start < 0 || count < 0 || start + count > numOut) {
            throw new IndexOutOfBoundsException("frames [" + start + ", " + (start + count) + ") of " + numOut + " ready");
        }
        return new FeatureMatrix(Arrays.copyOfRange(out, start * outDim, (start + count) * outDim), count, outDim);
    }

    private void computeReady() {
        int target = finished ? numIn : Math.max(0, numIn - context);
        if (target <= numOut) return;
        if (target * outDim > out.length) out = Arrays.copyOf(out, Math.max(target, 2 * numOut) * outDim);
        for (int t = numOut; t < target; t++) {
            for (int k = 0; k < filters.length; k++) {
                double[] f = filters[k];
                int half = (f.length - 1) / 2;
                for (int c = 0; c < dim; c++) {
                    double acc = 0;
                    for (int j = -half; j <= half; j++) {
                        int src = Math.max(0, Math.min(numIn - 1, t + j));
                        acc += f[j + half] * in[src * dim + c];
                    }
                    out[t * outDim + k * dim + c] = (float) acc;
                }
            }
        }
        numOut = target;
    }
}
