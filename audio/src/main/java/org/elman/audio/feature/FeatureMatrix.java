package org.elman.audio.feature;

import org.elman.tensor.Tensor;

/**
 * Features of one utterance: {@code numFrames x dim} floats, row-major (frame t starts at
 * {@code t * dim}). The array is shared, not copied.
 */
public record FeatureMatrix(float[] data, int numFrames, int dim) {
    public FeatureMatrix {
        if (numFrames < 0 || dim < 1 || data.length != (long) numFrames * dim) {
            throw new IllegalArgumentException("feature matrix of " + numFrames + " x " + dim
                    + " needs " + ((long) numFrames * dim) + " values, got " + data.length);
        }
    }

    /** Value of feature {@code d} at frame {@code t}. */
    public float get(int t, int d) {
        return data[t * dim + d];
    }

    /** A copy of frame {@code t}. */
    public float[] row(int t) {
        return java.util.Arrays.copyOfRange(data, t * dim, (t + 1) * dim);
    }

    /** A {@code (T, F)} tensor sharing this storage. */
    public Tensor toTensor() {
        return Tensor.of(data, numFrames, dim);
    }

    /** A deep copy. */
    public FeatureMatrix copy() {
        return new FeatureMatrix(data.clone(), numFrames, dim);
    }
}
