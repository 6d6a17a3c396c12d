package org.elman.audio.feature;

import java.util.List;
import org.elman.tensor.Tensor;

/**
 * Several utterances' features as one time-major, zero-padded tensor {@code (T, N, F)} with
 * {@code T} the longest utterance, plus each utterance's length in frames (the layout the recurrent
 * layers take). Frame {@code t} of utterance {@code n} is at {@code (t * N + n) * F}.
 */
public record FeatureBatch(Tensor features, int[] lengths) {
    /** Stacks utterances of equal dimension; an empty list or mixed dimensions is an error. */
    public static FeatureBatch of(List<FeatureMatrix> utterances) {
        if (utterances.isEmpty()) throw new IllegalArgumentException("cannot batch zero utterances");
        int n = utterances.size(), f = utterances.get(0).dim(), maxT = 0;
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            FeatureMatrix m = utterances.get(i);
            if (m.dim() != f) {
                throw new IllegalArgumentException("utterance " + i + " has dim " + m.dim() + ", utterance 0 has " + f);
            }
            lengths[i] = m.numFrames();
            maxT = Math.max(maxT, m.numFrames());
        }
        float[] data = new float[maxT * n * f];
        for (int i = 0; i < n; i++) {
            float[] src = utterances.get(i).data();
            for (int t = 0; t < lengths[i]; t++) System.arraycopy(src, t * f, data, (t * n + i) * f, f);
        }
        return new FeatureBatch(Tensor.of(data, maxT, n, f), lengths);
    }
}
