package org.elman.tensor;

import java.util.List;

/** Batching of variable-length sequences into the time-major layout every recurrent layer takes. */
public final class Sequences {
    private Sequences() {}

    /**
     * Pads {@code (T_i, F)} matrices into one zero-padded {@code (T_max, N, F)} batch and writes
     * each {@code T_i} into {@code lengths} (which must have one entry per sequence).
     */
    public static Tensor padTimeMajor(List<Tensor> sequences, int[] lengths) {
        if (sequences.isEmpty()) throw new IllegalArgumentException("padTimeMajor: no sequences");
        if (lengths.length != sequences.size()) {
            throw new IllegalArgumentException("padTimeMajor: " + lengths.length + " lengths for " + sequences.size() + " sequences");
        }
        int n = sequences.size();
        int f = sequences.get(0).size(1);
        int tMax = 0;
        for (int i = 0; i < n; i++) {
            Tensor s = sequences.get(i);
            if (s.dim() != 2 || s.size(1) != f) {
                throw new IllegalArgumentException("padTimeMajor: sequence " + i + " has shape " + Shapes.str(s.shape())
                        + ", expected (T, " + f + ")");
            }
            lengths[i] = s.size(0);
            tMax = Math.max(tMax, lengths[i]);
        }
        float[] out = new float[tMax * n * f];
        for (int b = 0; b < n; b++) {
            Tensor s = sequences.get(b);
            for (int t = 0; t < lengths[b]; t++) System.arraycopy(s.data(), s.offset() + t * f, out, (t * n + b) * f, f);
        }
        return Tensor.of(out, tMax, n, f);
    }
}
