package org.elman.ctc;

import static org.elman.ctc.LogMath.LOG_ZERO;

/**
 * The alpha-beta recursions of Graves et al. (2006) for one sequence, in log space (double).
 *
 * <p>With the extended label sequence {@code l'} (blanks around and between the S = 2L+1 labels),
 * {@code alpha_t(s) = lp_t(l'_s) + logsumexp(alpha_{t-1}(s), alpha_{t-1}(s-1), [l'_s != blank and
 * l'_s != l'_{s-2}] alpha_{t-1}(s-2))}, {@code beta} symmetrically from the end, both including the
 * emission at t. The occupancy of symbol v at frame t is {@code gamma_t(v) = sum_{s: l'_s = v}
 * exp(alpha_t(s) + beta_t(s) - lp_t(v) - logp)}; the gradient of {@code -logp} is {@code -gamma}
 * w.r.t. log-probs and {@code softmax - gamma} w.r.t. logits. Only the band of states that can
 * both be reached from the start and still reach the end is visited.
 */
final class CtcKernel {
    private CtcKernel() {}

    /** Where one sequence lives in the {@code (T, N, V)} input and gradient arrays. */
    record Slice(float[] in, int inOffset, float[] grad, int gradOffset, int rowStride, int vocab) {}

    /**
     * Computes {@code -log p(target | input)} for one sequence and, when {@code grad != null},
     * writes its gradient into frames {@code [0, frames)} of the slice (other frames are left as they are).
     */
    static double run(Slice x, int frames, int[] target, int targetLen, int blank, boolean logits,
                      boolean gradients, CtcWorkspace.Scratch w) {
        int v = x.vocab();
        int states = 2 * targetLen + 1;
        w.ensure(Math.max(frames, 1), v, states);
        if (frames == 0) return targetLen == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        loadLogProbs(x, frames, logits, w.logProbs);
        int[] ext = w.ext;
        for (int s = 0; s < states; s++) ext[s] = (s & 1) == 0 ? blank : target[s >> 1];
        double logp = forward(frames, states, v, ext, w);
        if (gradients && x.grad() != null) {
            if (logp == LOG_ZERO) clearGrad(x, frames);
            else {
                backwardAndGrad(x, frames, states, ext, logp, logits, w);
            }
        }
        return -logp;
    }

    private static void loadLogProbs(Slice x, int frames, boolean logits, double[] lp) {
        int v = x.vocab();
        float[] in = x.in();
        for (int t = 0; t < frames; t++) {
            int src = x.inOffset() + t * x.rowStride();
            int dst = t * v;
            for (int k = 0; k < v; k++) lp[dst + k] = in[src + k];
            if (logits) {
                double norm = LogMath.sumExp(lp, dst, v);
                for (int k = 0; k < v; k++) lp[dst + k] -= norm;
            }
        }
    }

    private static boolean canSkip(int[] ext, int s) {
        return s >= 2 && ext[s] != ext[s - 2];
    }

    private static double forward(int frames, int states, int v, int[] ext, CtcWorkspace.Scratch w) {
        double[] a = w.alpha;
        double[] lp = w.logProbs;
        java.util.Arrays.fill(a, 0, frames * states, LOG_ZERO);
        a[0] = lp[ext[0]];
        if (states > 1) a[1] = lp[ext[1]];
        for (int t = 1; t < frames; t++) {
            int row = t * states;
            int prev = row - states;
            int lo = Math.max(0, states - 2 * (frames - t));
            int hi = Math.min(states - 1, 2 * t + 1);
            for (int s = lo; s <= hi; s++) {
                double sum;
                if (s == 0) sum = a[prev];
                else if (canSkip(ext, s)) sum = LogMath.add(a[prev + s], a[prev + s - 1], a[prev + s - 2]);
                else sum = LogMath.add(a[prev + s], a[prev + s - 1]);
                a[row + s] = sum == LOG_ZERO ? LOG_ZERO : sum + lp[t * v + ext[s]];
            }
        }
        int last = (frames - 1) * states;
        return states > 1 ? LogMath.add(a[last + states - 1], a[last + states - 2]) : a[last];
    }

    /**
     * Runs the beta recursion from the last frame down, keeping two rows, and writes each frame's
     * gradient as soon as its beta row is known (alpha is kept whole, beta never is).
     */
    private static void backwardAndGrad(Slice x, int frames, int states, int[] ext, double logp, boolean logits,
                                        CtcWorkspace.Scratch w) {
        int v = x.vocab();
        double[] lp = w.logProbs;
        double[] b = w.beta; // two rows: frame t at ((t & 1) * states)
        int cur = ((frames - 1) & 1) * states;
        java.util.Arrays.fill(b, cur, cur + states, LOG_ZERO);
        int lastRow = (frames - 1) * v;
        b[cur + states - 1] = lp[lastRow + ext[states - 1]];
        if (states > 1) b[cur + states - 2] = lp[lastRow + ext[states - 2]];
        writeFrame(x, frames - 1, frames, ext, logp, logits, w, cur);
        for (int t = frames - 2; t >= 0; t--) {
            int next = cur;
            cur = (t & 1) * states;
            java.util.Arrays.fill(b, cur, cur + states, LOG_ZERO);
            int lo = Math.max(0, states - 2 * (frames - t));
            int hi = Math.min(states - 1, 2 * t + 1);
            for (int s = lo; s <= hi; s++) {
                double sum;
                if (s == states - 1) sum = b[next + s];
                else if (s + 2 < states && ext[s + 2] != ext[s]) sum = LogMath.add(b[next + s], b[next + s + 1], b[next + s + 2]);
                else sum = LogMath.add(b[next + s], b[next + s + 1]);
                b[cur + s] = sum == LOG_ZERO ? LOG_ZERO : sum + lp[t * v + ext[s]];
            }
            writeFrame(x, t, frames, ext, logp, logits, w, cur);
        }
    }

    /** Gradient of frame t: {@code softmax - gamma} (logits) or {@code -gamma} (log-probs). */
    private static void writeFrame(Slice x, int t, int frames, int[] ext, double logp, boolean logits,
                                   CtcWorkspace.Scratch w, int betaRow) {
        int v = x.vocab();
        int states = w.states;
        double[] a = w.alpha;
        double[] lp = w.logProbs;
        double[] gamma = w.occupancy;
        double[] beta = w.beta;
        java.util.Arrays.fill(gamma, 0, v, 0.0);
        int row = t * states;
        int hi = Math.min(states - 1, 2 * t + 1);
        for (int s = Math.max(0, states - 2 * (frames - t)); s <= hi; s++) {
            double ab = a[row + s] + beta[betaRow + s];
            if (ab == LOG_ZERO || Double.isNaN(ab)) continue;
            gamma[ext[s]] += Math.exp(ab - lp[t * v + ext[s]] - logp);
        }
        float[] g = x.grad();
        int dst = x.gradOffset() + t * x.rowStride();
        for (int k = 0; k < v; k++) {
            double soft = logits ? Math.exp(lp[t * v + k]) : 0.0;
            g[dst + k] = (float) (soft - gamma[k]);
        }
    }

    private static void clearGrad(Slice x, int frames) {
        for (int t = 0; t < frames; t++) {
            int dst = x.gradOffset() + t * x.rowStride();
            java.util.Arrays.fill(x.grad(), dst, dst + x.vocab(), 0f);
        }
    }
}
