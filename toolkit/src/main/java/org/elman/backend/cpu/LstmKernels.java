package org.elman.backend.cpu;

/**
 * The LSTM gate arithmetic of one time step as single passes over blocks of units, with the four
 * gates held in four separate arrays ("gate-split") instead of one {@code [i, f, g, o]} row. Every
 * array of a kernel is indexed by the same {@code k} over {@code [from, to)}: C2 (JDK 17)
 * vectorises a loop over several arrays only when all their indices share one loop-invariant
 * offset; with different offsets per array (the row layout) the loop stays scalar. Each pass is also kept small: C2 does not
 * unroll (so does not vectorise) a loop whose body holds the whole cell. Measured on
 * 16 x 256 units (thread CPU time, AVX-512): forward 9 ns per unit for the row kernels of {@link
 * RnnKernels}, about 4 here; backward 5.2 vs about 1.
 *
 * <p>Same equations and fast {@link RnnKernels#sigmoid}/{@link RnnKernels#tanh} as {@link
 * RnnKernels#lstmForwardRow} (no peepholes), so the two paths agree to float rounding.
 */
public final class LstmKernels {
    private LstmKernels() {}

    /**
     * Forward of units {@code [from, to)}: {@code i, f, g, o} hold the pre-activations and are
     * overwritten with the activations; {@code c = f*cPrev + i*g}, {@code tc = tanh(c)}, {@code h
     * = o*tc}. {@code cPrev} may be the same array as {@code c} (in-place update).
     */
    public static void forward(int from, int to, float[] i, float[] f, float[] g, float[] o,
                               float[] cPrev, float[] c, float[] tc, float[] h) {
        forward(from, to, i, f, g, o, null, cPrev, c, tc, h);
    }

    /**
     * {@link #forward} with the bias added to the pre-activations first: {@code bias} holds four
     * arrays {@code b_i, b_f, b_g, b_o} indexed like the gates (the per-unit bias repeated for each
     * row), or is null.
     */
    public static void forward(int from, int to, float[] i, float[] f, float[] g, float[] o, float[][] bias,
                               float[] cPrev, float[] c, float[] tc, float[] h) {
        sigmoid(from, to, i, bias == null ? null : bias[0]);
        sigmoid(from, to, f, bias == null ? null : bias[1]);
        tanh(from, to, g, bias == null ? null : bias[2]);
        sigmoid(from, to, o, bias == null ? null : bias[3]);
        for (int k = from; k < to; k++) c[k] = f[k] * cPrev[k] + i[k] * g[k];
        for (int k = from; k < to; k++) tc[k] = RnnKernels.tanh(c[k]);
        for (int k = from; k < to; k++) h[k] = o[k] * tc[k];
    }

    /**
     * Backward of {@link #forward} for units {@code [from, to)}: from the activations, {@code
     * cPrev}, {@code tc} and the total gradient {@code dh} of h, and {@code dc} (gradient of c on
     * entry, of cPrev on return), writes the pre-activation gradients {@code di, df, dg, do_}.
     */
    public static void backward(int from, int to, float[] i, float[] f, float[] g, float[] o, float[] cPrev,
                                float[] tc, float[] dh, float[] dc, float[] di, float[] df, float[] dg, float[] do_) {
        for (int k = from; k < to; k++) dc[k] += dh[k] * o[k] * (1f - tc[k] * tc[k]);
        for (int k = from; k < to; k++) di[k] = dc[k] * g[k] * i[k] * (1f - i[k]);
        for (int k = from; k < to; k++) df[k] = dc[k] * cPrev[k] * f[k] * (1f - f[k]);
        for (int k = from; k < to; k++) dg[k] = dc[k] * i[k] * (1f - g[k] * g[k]);
        for (int k = from; k < to; k++) do_[k] = dh[k] * tc[k] * o[k] * (1f - o[k]);
        for (int k = from; k < to; k++) dc[k] *= f[k];
    }

    private static void sigmoid(int from, int to, float[] a, float[] b) {
        if (b == null) {
            for (int k = from; k < to; k++) a[k] = RnnKernels.sigmoid(a[k]);
        } else {
            for (int k = from; k < to; k++) a[k] = RnnKernels.sigmoid(a[k] + b[k]);
        }
    }

    private static void tanh(int from, int to, float[] a, float[] b) {
        if (b == null) {
            for (int k = from; k < to; k++) a[k] = RnnKernels.tanh(a[k]);
        } else {
            for (int k = from; k < to; k++) a[k] = RnnKernels.tanh(a[k] + b[k]);
        }
    }
}
