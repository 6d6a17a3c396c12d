package org.elman.nn.rnn;

import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Tensor;

/**
 * Joining and splitting the feature axis of time-major sequences, rows copied in parallel, for
 * the two directions of a bidirectional layer. Neither is recorded for autograd: callers record
 * their own node.
 */
final class Features {
    /** Rows per parallel chunk (copies of a few hundred floats each). */
    private static final int GRAIN = 256;

    private Features() {}

    /** {@code [a ; b]} along the last axis: {@code (T, N, Ha)} and {@code (T, N, Hb)} to {@code (T, N, Ha + Hb)}. */
    static Tensor concat(Tensor a, Tensor b) {
        int t = a.size(0);
        int n = a.size(1);
        int ha = a.size(2);
        int hb = b.size(2);
        if (b.size(0) != t || b.size(1) != n) throw new IllegalArgumentException("concat: (T, N) of the two directions differ");
        float[] y = new float[t * n * (ha + hb)];
        float[] ad = a.data();
        float[] bd = b.data();
        int ao = a.offset();
        int bo = b.offset();
        Parallel.range(t * n, GRAIN, (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                System.arraycopy(ad, ao + r * ha, y, r * (ha + hb), ha);
                System.arraycopy(bd, bo + r * hb, y, r * (ha + hb) + ha, hb);
            }
        });
        return Tensor.of(y, t, n, ha + hb);
    }

    /** The halves {@code (T, N, ha)} and {@code (T, N, hb)} of {@code x (T, N, ha + hb)}. */
    static Tensor[] split(Tensor x, int ha, int hb) {
        int t = x.size(0);
        int n = x.size(1);
        if (x.size(2) != ha + hb) throw new IllegalArgumentException("split: " + x.size(2) + " features, expected " + (ha + hb));
        float[] a = new float[t * n * ha];
        float[] b = new float[t * n * hb];
        float[] xd = x.data();
        int xo = x.offset();
        Parallel.range(t * n, GRAIN, (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                System.arraycopy(xd, xo + r * (ha + hb), a, r * ha, ha);
                System.arraycopy(xd, xo + r * (ha + hb) + ha, b, r * hb, hb);
            }
        });
        return new Tensor[] {Tensor.of(a, t, n, ha), Tensor.of(b, t, n, hb)};
    }
}
