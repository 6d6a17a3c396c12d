package org.elman.backend.cpu;

/**
 * Fused per-step gate kernels for LSTM and GRU layers, and the fast float transcendental
 * functions they use. Each kernel handles one batch row of one time step in a single pass over the
 * H hidden units, reading the gate pre-activations and writing everything backward needs.
 *
 * <p>Layouts (all row-major, H hidden units): LSTM gates are {@code [i, f, g, o]} (4H, PyTorch's
 * order); GRU pre-activations are {@code [r, z, n]} (3H) and the GRU save row is {@code [r, z, n,
 * hn]} (4H) where {@code hn = W_hn h + b_hn}. Peephole weights are {@code [p_i, p_f, p_o]} (3H).
 *
 * <p>{@link #exp}, {@link #sigmoid} and {@link #tanh} are accurate to a few 1e-7 relative error
 * (checked against {@link Math} in the tests) and several times faster than {@link Math#exp} /
 * {@link Math#tanh}.
 */
public final class RnnKernels {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860682030941723212e-6f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: adding it rounds to an integer

    private RnnKernels() {}

    // ---- fast math ----

    /** {@code e^x} in float, relative error about 2e-7; saturates outside [-87, 88]. */
    public static float exp(float x) {
        x = Math.max(-87f, Math.min(88f, x));
        float k = x * LOG2E + ROUND;
        int n = Float.floatToRawIntBits(k) - 0x4B400000;
        float nf = k - ROUND;
        float r = x - nf * LN2_HI - nf * LN2_LO;
        float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720 + r * (1f / 5040)))))));
        return p * Float.intBitsToFloat((n + 127) << 23);
    }

    /** {@code e^x - 1}, accurate also near 0, for x in [-80, 0]. */
    private static float expm1Neg(float x) {
        x = Math.max(-80f, x);
        float k = x * LOG2E + ROUND;
        int n = Float.floatToRawIntBits(k) - 0x4B400000;
        float nf = k - ROUND;
        float r = x - nf * LN2_HI - nf * LN2_LO;
        float q = r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720 + r * (1f / 5040)))))));
        float scale = Float.intBitsToFloat((n + 127) << 23);
        return scale * q + (scale - 1f);
    }

    /** The logistic function {@code 1 / (1 + e^-x)}. */
    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    /** Hyperbolic tangent, with small relative error also near 0. */
    public static float tanh(float x) {
        float em = expm1Neg(-2f * Math.abs(x));
        return Math.copySign(-em / (2f + em), x);
    }

    // ---- LSTM ----

    /**
     * One LSTM row: {@code gates} holds the pre-activations {@code [a_i, a_f, a_g, a_o]} (biases
     * and both projections summed) and is overwritten with {@code [i, f, g, o]}; writes {@code c =
     * f*cPrev + i*g}, {@code tc = tanh(c)}, {@code h = o*tc}. With peepholes {@code p} (3H, or null)
     * i and f also see {@code p_i*cPrev, p_f*cPrev} and o sees {@code p_o*c}.
     */
    public static void lstmForwardRow(int hid, float[] gates, int gOff, float[] peep, float[] cPrev, int cpOff,
                                      float[] c, int cOff, float[] tc, int tcOff, float[] h, int hOff) {
        for (int j = 0; j < hid; j++) {
            float cp = cPrev[cpOff + j];
            float ai = gates[gOff + j];
            float af = gates[gOff + hid + j];
            float ao = gates[gOff + 3 * hid + j];
            if (peep != null) {
                ai += peep[j] * cp;
                af += peep[hid + j] * cp;
            }
            float i = sigmoid(ai);
            float f = sigmoid(af);
            float g = tanh(gates[gOff + 2 * hid + j]);
            float cn = f * cp + i * g;
            if (peep != null) ao += peep[2 * hid + j] * cn;
            float o = sigmoid(ao);
            float t = tanh(cn);
            gates[gOff + j] = i;
            gates[gOff + hid + j] = f;
            gates[gOff + 2 * hid + j] = g;
            gates[gOff + 3 * hid + j] = o;
            c[cOff + j] = cn;
            tc[tcOff + j] = t;
            h[hOff + j] = o * t;
        }
    }

    /**
     * Backward of {@link #lstmForwardRow} for one row. {@code dh} is the total gradient of h at
     * this step; {@code dc} holds the gradient of c from the next step on entry and that of {@code
     * cPrev} on return. Writes the pre-activation gradients {@code dGates} (4H) and adds the
     * peephole gradients into {@code dPeep} (3H) when peepholes are used.
     */
    public static void lstmBackwardRow(int hid, float[] gates, int gOff, float[] peep, float[] cPrev, int cpOff,
                                       float[] c, int cOff, float[] tc, int tcOff, float[] dh, int dhOff,
                                       float[] dc, int dcOff, float[] dGates, int dgOff, float[] dPeep) {
        for (int j = 0; j < hid; j++) {
            float i = gates[gOff + j];
            float f = gates[gOff + hid + j];
            float g = gates[gOff + 2 * hid + j];
            float o = gates[gOff + 3 * hid + j];
            float t = tc[tcOff + j];
            float dhj = dh[dhOff + j];
            float dao = dhj * t * o * (1f - o);
            float dcj = dc[dcOff + j] + dhj * o * (1f - t * t);
            if (peep != null) dcj += dao * peep[2 * hid + j];
            float cp = cPrev[cpOff + j];
            float dai = dcj * g * i * (1f - i);
            float daf = dcj * cp * f * (1f - f);
            float dag = dcj * i * (1f - g * g);
            float dcp = dcj * f;
            if (peep != null) {
                dcp += dai * peep[j] + daf * peep[hid + j];
                dPeep[j] += dai * cp;
                dPeep[hid + j] += daf * cp;
                dPeep[2 * hid + j] += dao * c[cOff + j];
            }
            dGates[dgOff + j] = dai;
            dGates[dgOff + hid + j] = daf;
            dGates[dgOff + 2 * hid + j] = dag;
            dGates[dgOff + 3 * hid + j] = dao;
            dc[dcOff + j] = dcp;
        }
    }

    // ---- GRU ----

    /**
     * One GRU row (PyTorch's equations): {@code xg = W_i x + b_i} and {@code hg = W_h hPrev + b_h}
     * as {@code [r, z, n]} (3H each); {@code r = σ(xg_r + hg_r)}, {@code z = σ(xg_z + hg_z)},
     * {@code n = tanh(xg_n + r*hg_n)}, {@code h = (1-z)*n + z*hPrev}. Saves {@code [r, z, n, hg_n]}.
     */
    public static void gruForwardRow(int hid, float[] xg, int xOff, float[] hg, int hgOff, float[] hPrev, int hpOff,
                                     float[] save, int sOff, float[] h, int hOff) {
        for (int j = 0; j < hid; j++) {
            float r = sigmoid(xg[xOff + j] + hg[hgOff + j]);
            float z = sigmoid(xg[xOff + hid + j] + hg[hgOff + hid + j]);
            float hn = hg[hgOff + 2 * hid + j];
            float n = tanh(xg[xOff + 2 * hid + j] + r * hn);
            save[sOff + j] = r;
            save[sOff + hid + j] = z;
            save[sOff + 2 * hid + j] = n;
            save[sOff + 3 * hid + j] = hn;
            h[hOff + j] = n + z * (hPrev[hpOff + j] - n);
        }
    }

    /**
     * Backward of {@link #gruForwardRow}: from the total gradient {@code dh} writes the gradients
     * of the input-side pre-activations {@code dx} ({@code [r, z, n]}), of the hidden-side ones
     * {@code dhg} (same but {@code r * dn} for the n part) and the direct part {@code dh * z} of
     * the gradient of hPrev into {@code dhPrev}.
     */
    public static void gruBackwardRow(int hid, float[] save, int sOff, float[] hPrev, int hpOff, float[] dh, int dhOff,
                                      float[] dx, int dxOff, float[] dhg, int dhgOff, float[] dhPrev, int dhpOff) {
        for (int j = 0; j < hid; j++) {
            float r = save[sOff + j];
            float z = save[sOff + hid + j];
            float n = save[sOff + 2 * hid + j];
            float hn = save[sOff + 3 * hid + j];
            float d = dh[dhOff + j];
            float dan = d * (1f - z) * (1f - n * n);
            float daz = d * (hPrev[hpOff + j] - n) * z * (1f - z);
            float dar = dan * hn * r * (1f - r);
            dx[dxOff + j] = dar;
            dx[dxOff + hid + j] = daz;
            dx[dxOff + 2 * hid + j] = dan;
            dhg[dhgOff + j] = dar;
            dhg[dhgOff + hid + j] = daz;
            dhg[dhgOff + 2 * hid + j] = dan * r;
            dhPrev[dhpOff + j] = d * z;
        }
    }

    // ---- batch-1 products ----

    /**
     * {@code y[0..m) += sum_k x[k] * wT[k, :]} for {@code wT (k, m)} row-major: a matrix-vector
     * product against pre-transposed weights, written as contiguous row updates the JIT
     * vectorises (four rows per pass to cut the traffic on y).
     */
    public static void gemvTransposedAdd(int k, int m, float[] x, int xOff, float[] wT, float[] y) {
        int p = 0;
        for (; p + 3 < k; p += 4) {
            float x0 = x[xOff + p];
            float x1 = x[xOff + p + 1];
            float x2 = x[xOff + p + 2];
            float x3 = x[xOff + p + 3];
            int r0 = p * m;
            int r1 = r0 + m;
            int r2 = r1 + m;
            int r3 = r2 + m;
            for (int j = 0; j < m; j++) {
                y[j] += x0 * wT[r0 + j] + x1 * wT[r1 + j] + x2 * wT[r2 + j] + x3 * wT[r3 + j];
            }
        }
        for (; p < k; p++) {
            float xv = x[xOff + p];
            int r = p * m;
            for (int j = 0; j < m; j++) y[j] += xv * wT[r + j];
        }
    }

    /** The transpose of a {@code (rows, cols)} row-major matrix, as a new {@code (cols, rows)} array. */
    public static float[] transpose(float[] a, int off, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = a[off + r * cols + c];
        }
        return t;
    }
}
