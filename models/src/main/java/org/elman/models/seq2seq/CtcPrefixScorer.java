package org.elman.models.seq2seq;

/**
 * CTC prefix scores for label-synchronous decoding (Watanabe et al. 2017, Algorithm 2): the
 * log-probability {@code psi(g)} that the CTC output of one utterance starts with the label
 * prefix g (any continuation), kept with the forward variables {@code r^n_t(g)} (paths of the first
 * t + 1 frames producing g and ending in a non-blank) and {@code r^b_t(g)} (ending in a blank):
 * <pre>
 *   r^n_0(g c) = x_0(c) if g is empty else -inf,     r^b_0(g c) = -inf
 *   phi_{t-1} = r^b_{t-1}(g) (+) (c == last(g) ? -inf : r^n_{t-1}(g))
 *   r^n_t(g c) = (r^n_{t-1}(g c) (+) phi_{t-1}) + x_t(c)
 *   r^b_t(g c) = (r^b_{t-1}(g c) (+) r^n_{t-1}(g c)) + x_t(blank)
 *   psi(g c)   = r^n_0(g c) (+) sum_{t >= 1} phi_{t-1} + x_t(c)        ((+) is log-add)
 *   psi(g eos) = r^n_{T-1}(g) (+) r^b_{T-1}(g)
 * </pre>
 * with {@code x_t(k)} the CTC log-probabilities {@code (T, V)} and, for the empty prefix,
 * {@code r^n = -inf} and {@code r^b_t = sum_{u <= t} x_u(blank)}.
 */
public final class CtcPrefixScorer {
    private final float[] x;
    private final int offset;
    private final int frames;
    private final int vocab;
    private final int blank;

    /** Forward variables and score of one prefix. */
    public record Prefix(double[] rN, double[] rB, double score, int last) {}

    /**
     * @param logProbs (T, V) CTC log-probabilities of one utterance
     */
    public CtcPrefixScorer(org.elman.tensor.Tensor logProbs, int blank) {
        if (logProbs.dim() != 2) throw new IllegalArgumentException("CTC prefix scorer needs (T, V) log-probabilities");
        this.x = logProbs.data();
        this.offset = logProbs.offset();
        this.frames = logProbs.size(0);
        this.vocab = logProbs.size(1);
        this.blank = blank;
    }

    private double at(int t, int k) {
        return x[offset + t * vocab + k];
    }

    /** The empty prefix (score 0). */
    public Prefix initial() {
        double[] rN = new double[frames];
        double[] rB = new double[frames];
        double acc = 0;
        for (int t = 0; t < frames; t++) {
            acc += at(t, blank);
            rN[t] = Double.NEGATIVE_INFINITY;
            rB[t] = acc;
        }
        return new Prefix(rN, rB, 0.0, -1);
    }

    /** The prefix g followed by label c (not the blank). */
    public Prefix extend(Prefix g, int c) {
        if (c == blank) throw new IllegalArgumentException("cannot extend a CTC prefix by the blank");
        double[] hN = new double[frames];
        double[] hB = new double[frames];
        hN[0] = g.last() == -1 ? at(0, c) : Double.NEGATIVE_INFINITY;
        hB[0] = Double.NEGATIVE_INFINITY;
        double psi = hN[0];
        for (int t = 1; t < frames; t++) {
            double phi = logAdd(g.rB()[t - 1], c == g.last() ? Double.NEGATIVE_INFINITY : g.rN()[t - 1]);
            hN[t] = logAdd(hN[t - 1], phi) + at(t, c);
            hB[t] = logAdd(hB[t - 1], hN[t - 1]) + at(t, blank);
            psi = logAdd(psi, phi + at(t, c));
        }
        return new Prefix(hN, hB, psi, c);
    }

    /** {@code log p_ctc(g | x)}: the prefix is the whole output. */
    public double endScore(Prefix g) {
        return logAdd(g.rN()[frames - 1], g.rB()[frames - 1]);
    }

    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
