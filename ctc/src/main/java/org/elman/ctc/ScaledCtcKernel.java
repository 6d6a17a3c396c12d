package org.elman.ctc;

/**
 * The fast CTC kernel: the alpha-beta recursions in linear space (double) with per-frame rescaling
 * (Rabiner's scaling), so a trellis cell costs a few multiply-adds; the transcendental work is one
 * softmax per frame and two logarithms per frame.
 *
 * <p>With emissions {@code p_t(v)} (softmax of the logits, or {@code exp} of the given log-probs) and
 * the extended labels {@code l'} of S = 2L+1 states:
 * <pre>
 * alpha_t(s) = p_t(l'_s) (alpha_{t-1}(s) + alpha_{t-1}(s-1) + [skip s] alpha_{t-1}(s-2)),  alpha_0 = p_0(l'_0), p_0(l'_1)
 * beta_t(s)  = sum over s' in {s, s+1, s+2 if skip s+2} of p_{t+1}(l'_{s'}) beta_{t+1}(s'),  beta_{T-1} = 1 on S-2, S-1
 * </pre>
 * ({@code beta} excludes the emission at t, unlike the log-space kernel's). Each row is scaled by the
 * inverse of its sum {@code c_t} (alpha) or {@code d_t} (beta); to save a pass over the band the
 * scaling is folded into the next row's step (alpha row t is stored as {@code alpha_t / C_{t-1}} with
 * its sum {@code c_t}). The normalised rows are {@code alpha^_t = alpha_t / C_t} and
 * {@code beta^_t = beta_t / D_t} with {@code C_t = prod_{u <= t} c_u}, {@code D_t = prod_{u >= t} d_u},
 * and {@code log p = log C_{T-1} + log(alpha^_{T-1}(S-1) + alpha^_{T-1}(S-2))}.
 * For every frame {@code sum_s alpha_t(s) beta_t(s) = p}, so with {@code r_t(s) = alpha^_t(s) beta^_t(s)}
 * the occupancy is {@code gamma_t(v) = sum_{s: l'_s = v} r_t(s) / Z_t}, {@code Z_t = sum_s r_t(s)}, and
 * the scale factors cancel. Only the band of states that can be reached from the start and can still
 * reach the end is visited; two zero pads before each alpha row and after each beta row remove the
 * edge cases, and states are walked in (blank, label) pairs (scalar blank emission, no skip term).
 *
 * <p>Accuracy guard. Scaling keeps every row's sum at one, but a state far below its row's mass can
 * underflow and, if a later frame favours its paths by more than about 700 nats, the lost mass would
 * have mattered. Because the identity {@code log Z_t + log C_t + log D_t = log p} must hold at every frame,
 * the kernel checks it (relative tolerance about 1e-8) while writing the gradient, together with
 * row sums that are normal finite numbers. On any failure it returns {@code NaN} and the caller
 * recomputes the sequence with {@link LogSpaceCtcKernel}. The backward pass runs (for the check) even when
 * no gradient is asked for.
 */
final class ScaledCtcKernel {
    /** Absolute part of the tolerance on the per-frame likelihood identity (in nats). */
    private static final double IDENTITY_TOLERANCE = 1e-8;
    /** Per-nat and per-frame part of that tolerance, above the rounding of the accumulated logarithms. */
    private static final double IDENTITY_TOLERANCE_SLOPE = 1e-12;

    private ScaledCtcKernel() {}

    /**
     * {@code -log p(target | input)}, writing the gradient into frames {@code [0, frames)} when asked,
     * or {@code NaN} when this kernel cannot vouch for the result (the caller then uses the reference).
     * Requires {@code frames >= 1} and a target that fits its frames.
     */
    static double run(CtcKernel.Slice x, int frames, int[] target, int targetLen, int blank, boolean logits,
                      boolean gradients, CtcWorkspace.Scratch w) {
        int states = 2 * targetLen + 1;
        w.ensure(frames, x.vocab(), states);
        loadProbabilities(x, frames, logits, w.logProbs);
        prepareStates(target, targetLen, blank, states, w.ext, w.skip);
        double logp = forward(frames, states, x.vocab(), w);
        if (Double.isNaN(logp)) return Double.NaN;
        boolean write = gradients && x.grad() != null;
        return backward(x, frames, states, logp, logits, write, w) ? -logp : Double.NaN;
    }

    /** Softmax of each frame (logits) or exp of the log-probs, into {@code p (T, V)}. */
    private static void loadProbabilities(CtcKernel.Slice x, int frames, boolean logits, double[] p) {
        int v = x.vocab();
        float[] in = x.in();
        for (int t = 0; t < frames; t++) {
            int src = x.inOffset() + t * x.rowStride();
            int dst = t * v;
            if (!logits) {
                for (int k = 0; k < v; k++) p[dst + k] = Math.exp(in[src + k]);
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < v; k++) max = Math.max(max, in[src + k]);
            double sum = 0;
            for (int k = 0; k < v; k++) {
                double e = Math.exp(in[src + k] - max);
                p[dst + k] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int k = 0; k < v; k++) p[dst + k] *= inv;
        }
    }

    /** Extended labels and skip flags (1 where state s may be entered from s-2), padded with two blank, no-skip states. */
    private static void prepareStates(int[] target, int targetLen, int blank, int states, int[] ext, double[] skip) {
        for (int s = 0; s < states + 2; s++) ext[s] = (s & 1) == 0 || s >= states ? blank : target[s >> 1];
        for (int s = 0; s < states + 2; s++) skip[s] = s >= 2 && s < states && ext[s] != ext[s - 2] ? 1.0 : 0.0;
    }

    private static int bandLow(int t, int frames, int states) {
        return Math.max(0, states - 2 * (frames - t));
    }

    private static int bandHigh(int t, int states) {
        return Math.min(states - 1, 2 * t + 1);
    }

    /** Whether a row sum can be divided by without losing accuracy. */
    private static boolean usable(double sum) {
        return sum >= Double.MIN_NORMAL && sum < Double.POSITIVE_INFINITY;
    }

    /**
     * Alpha into {@code w.alpha} (row t of S + 2 entries, state s at {@code t (S+2) + 2 + s}), each row
     * computed from the previous one divided by its sum, so row t holds {@code alpha_t / C_{t-1}} and sums
     * to {@code c_t}; {@code 1 / c_t} into {@code w.rowScale}, {@code log C_t} into {@code w.logScale}.
     * Returns {@code log p} or NaN.
     */
    private static double forward(int frames, int states, int v, CtcWorkspace.Scratch w) {
        double[] a = w.alpha;
        double[] p = w.logProbs;
        int[] ext = w.ext;
        double[] skip = w.skip;
        double[] inv = w.rowScale;
        int stride = states + 2;
        java.util.Arrays.fill(a, 0, stride, 0.0);
        double logC = 0;
        for (int t = 0; t < frames; t++) {
            int row = t * stride + 2;
            int lo = bandLow(t, frames, states);
            int hi = bandHigh(t, states);
            double sum = 0;
            if (t == 0) {
                for (int s = lo; s <= hi; s++) sum += a[row + s] = p[ext[s]];
            } else {
                a[row - 2] = 0.0;
                a[row - 1] = 0.0;
                sum = alphaRow(a, row, row - stride, p, t * v, ext, skip, lo, hi, inv[t - 1]);
            }
            if (!usable(sum)) return Double.NaN;
            inv[t] = 1.0 / sum;
            for (int s = hi + 1; s <= Math.min(hi + 2, states - 1); s++) a[row + s] = 0.0;
            logC += Math.log(sum);
            w.logScale[t] = logC;
        }
        int last = (frames - 1) * stride + 2;
        double end = (a[last + states - 1] + (states > 1 ? a[last + states - 2] : 0.0)) * inv[frames - 1];
        return end > 0 ? logC + Math.log(end) : Double.NaN;
    }

    /**
     * One alpha row over the band from the previous row times {@code scale}; returns its sum. States go
     * in pairs (blank 2i, label 2i+1) so the blank emission is a scalar and blanks need no skip term.
     */
    private static double alphaRow(double[] a, int row, int prev, double[] p, int e, int[] ext, double[] skip,
                                   int lo, int hi, double scale) {
        double blank = p[e + ext[0]] * scale;
        double blanks = 0;
        double labels = 0;
        int s = lo;
        if ((s & 1) == 1) {
            double val = p[e + ext[s]] * scale * (a[prev + s] + a[prev + s - 1] + skip[s] * a[prev + s - 2]);
            a[row + s] = val;
            labels += val;
            s++;
        }
        for (; s < hi; s += 2) {
            double here = a[prev + s];
            double before = a[prev + s - 1];
            double vb = blank * (here + before);
            double vl = p[e + ext[s + 1]] * scale * (a[prev + s + 1] + here + skip[s + 1] * before);
            a[row + s] = vb;
            a[row + s + 1] = vl;
            blanks += vb;
            labels += vl;
        }
        if (s == hi) {
            double vb = blank * (a[prev + s] + a[prev + s - 1]);
            a[row + s] = vb;
            blanks += vb;
        }
        return blanks + labels;
    }

    /**
     * Beta from the last frame down in two rows of {@code w.beta} (frame t at {@code (t & 1) (S+2)}),
     * fused with the occupancy: one pass per frame computes beta row t (scaled by the inverse sum of row
     * t+1), the occupancy {@code r = alpha^ beta} and, for frame t-1, beta times the emission at t.
     * The last frame starts from a virtual row with a single 1 at S-1, which gives beta = 1 on S-2, S-1.
     * Each frame is checked and (when {@code write}) its gradient written. Returns false if a check fails.
     */
    private static boolean backward(CtcKernel.Slice x, int frames, int states, double logp, boolean logits,
                                    boolean write, CtcWorkspace.Scratch w) {
        double[] b = w.beta;
        int stride = states + 2;
        java.util.Arrays.fill(b, 0, 2 * stride, 0.0);
        int next = (frames & 1) * stride;
        b[next + states - 1] = 1.0;
        double scale = 1.0;
        double logD = 0;
        for (int t = frames - 1; t >= 0; t--) {
            int cur = (t & 1) * stride;
            java.util.Arrays.fill(w.occupancy, 0, x.vocab(), 0.0);
            betaStep(t, frames, next, cur, scale, w);
            double rowSum = w.sums[0];
            if (!usable(rowSum)) return false;
            int lo = bandLow(t, frames, states);
            for (int s = Math.max(0, lo - 2); s < lo; s++) b[cur + s] = 0.0;
            if (!checkFrame(x, t, frames, logp, logD, logits, write, w)) return false;
            logD += Math.log(rowSum);
            scale = 1.0 / rowSum;
            next = cur;
        }
        return true;
    }

    /**
     * Beta row t over the band from row {@code next} (beta times emission of frame t+1) times {@code scale};
     * adds {@code r(s) = alpha^_t(s) beta_t(s)} into {@code w.occupancy} by symbol; leaves beta times the
     * emission at t in row {@code cur}. Puts the beta row's sum and the sum of r into {@code w.sums}.
     */
    private static void betaStep(int t, int frames, int next, int cur, double scale, CtcWorkspace.Scratch w) {
        double[] a = w.alpha;
        double[] b = w.beta;
        double[] p = w.logProbs;
        double[] skip = w.skip;
        double[] gamma = w.occupancy;
        int[] ext = w.ext;
        int row = t * (w.states + 2) + 2;
        int e = t * w.vocab;
        double alphaScale = w.rowScale[t];
        double blank = p[e + ext[0]];
        double betas = 0;
        double blanks = 0;
        double labels = 0;
        int s = bandLow(t, frames, w.states);
        int hi = bandHigh(t, w.states);
        if ((s & 1) == 1) {
            double vl = scale * (b[next + s] + b[next + s + 1] + skip[s + 2] * b[next + s + 2]);
            double rl = a[row + s] * alphaScale * vl;
            b[cur + s] = vl * p[e + ext[s]];
            gamma[ext[s]] += rl;
            labels += rl;
            betas += vl;
            s++;
        }
        for (; s < hi; s += 2) {
            double label = b[next + s + 1];
            double vb = scale * (b[next + s] + label);
            double vl = scale * (label + b[next + s + 2] + skip[s + 3] * b[next + s + 3]);
            double rl = a[row + s + 1] * alphaScale * vl;
            b[cur + s] = vb * blank;
            b[cur + s + 1] = vl * p[e + ext[s + 1]];
            gamma[ext[s + 1]] += rl;
            blanks += a[row + s] * alphaScale * vb;
            labels += rl;
            betas += vb + vl;
        }
        if (s == hi) {
            double vb = scale * (b[next + s] + b[next + s + 1]);
            blanks += a[row + s] * alphaScale * vb;
            b[cur + s] = vb * blank;
            betas += vb;
        }
        gamma[ext[0]] += blanks;
        w.sums[0] = betas;
        w.sums[1] = blanks + labels;
    }

    /**
     * Checks frame t's likelihood identity {@code log Z + log C_t + log D_{t+1} = log p} (Z the occupancy
     * sum in {@code w.sums[1]}, {@code logD} = log D_{t+1}; returns false when it does not hold) and, when
     * {@code write}, writes its gradient {@code softmax - gamma} (logits) or {@code -gamma} (log-probs).
     */
    private static boolean checkFrame(CtcKernel.Slice x, int t, int frames, double logp, double logD,
                                      boolean logits, boolean write, CtcWorkspace.Scratch w) {
        double z = w.sums[1];
        if (!usable(z)) return false;
        double mismatch = Math.abs(Math.log(z) + w.logScale[t] + logD - logp);
        if (!(mismatch <= IDENTITY_TOLERANCE + IDENTITY_TOLERANCE_SLOPE * (Math.abs(logp) + frames))) return false;
        if (!write) return true;
        int v = x.vocab();
        double inv = 1.0 / z;
        double[] p = w.logProbs;
        double[] gamma = w.occupancy;
        float[] g = x.grad();
        int dst = x.gradOffset() + t * x.rowStride();
        int e = t * v;
        for (int k = 0; k < v; k++) {
            double soft = logits ? p[e + k] : 0.0;
            g[dst + k] = (float) (soft - gamma[k] * inv);
        }
        return true;
    }
}
