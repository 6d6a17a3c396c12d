package org.elman.ctc.decode;

import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * The log-probabilities of one stream: frame t, symbol v at {@code data[offset + t * stride + v]}.
 * Reads a {@code (T, V)} tensor or stream n of a time-major {@code (T, N, V)} batch without copying.
 */
public record FrameSource(float[] data, int offset, int frames, int stride, int vocab) {
    /** A {@code (T, V)} tensor. */
    public static FrameSource of(Tensor logProbs) {
        if (logProbs == null || logProbs.dim() != 2) {
            throw new IllegalArgumentException("decoder input must be (T, V) log-probabilities, got "
                    + (logProbs == null ? "null" : Shapes.str(logProbs.shape())));
        }
        return new FrameSource(logProbs.data(), logProbs.offset(), logProbs.size(0), logProbs.size(1), logProbs.size(1));
    }

    /** Stream {@code n} of a {@code (T, N, V)} batch, first {@code frames} frames. */
    public static FrameSource of(Tensor batch, int n, int frames) {
        if (batch == null || batch.dim() != 3) {
            throw new IllegalArgumentException("batched decoder input must be (T, N, V), got "
                    + (batch == null ? "null" : Shapes.str(batch.shape())));
        }
        if (n < 0 || n >= batch.size(1)) throw new IllegalArgumentException("stream " + n + " outside batch of " + batch.size(1));
        if (frames < 0 || frames > batch.size(0)) throw new IllegalArgumentException("length " + frames + " outside [0, " + batch.size(0) + "]");
        int v = batch.size(2);
        return new FrameSource(batch.data(), batch.offset() + n * v, frames, batch.size(1) * v, v);
    }

    public float at(int t, int v) {
        return data[offset + t * stride + v];
    }

    /** Frames {@code [from, from + count)} of this source. */
    public FrameSource slice(int from, int count) {
        if (from < 0 || count < 0 || from + count > frames) {
            throw new IllegalArgumentException("frames [" + from + ", " + (from + count) + ") outside [0, " + frames + ")");
        }
        return new FrameSource(data, offset + from * stride, count, stride, vocab);
    }
}
