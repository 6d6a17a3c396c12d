package org.elman.ctc.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The estimation behind {@link NgramLmBuilder}: discounts, interpolated probabilities, back-offs. */
final class KneserNey {
    private final NgramCounts c;
    private final int order;
    /** Per order: discounts D1, D2, D3+. */
    private final double[][] discounts;
    /** Per order: interpolated probability of each kept n-gram. */
    private final List<Map<NgramKey, Double>> prob = new ArrayList<>();
    /** Per order (index k-1): back-off weight of each kept k-gram used as a context. */
    private final List<Map<NgramKey, Double>> backoff = new ArrayList<>();
    private final int vocab;
    /** Per order (index n-1): n-grams seen at most this many times are dropped (0: none). */
    private final int[] prune;

    KneserNey(NgramCounts counts, int[] prune) {
        this.c = counts;
        this.order = counts.order;
        this.prune = prune;
        counts.addZeroCountWord(ArpaLm.UNK);
        this.vocab = counts.adjusted.get(0).size();
        this.discounts = new double[order][];
        for (int n = 1; n <= order; n++) discounts[n - 1] = discounts(counts.adjusted.get(n - 1));
        List<Map<NgramKey, double[]>> ctx = new ArrayList<>();
        for (int n = 1; n <= order; n++) ctx.add(contextStats(n));
        for (int n = 1; n <= order; n++) prob.add(probabilities(n, ctx));
        for (int k = 1; k < order; k++) backoff.add(backoffs(k, ctx.get(k)));
    }

    static double[] discounts(Map<NgramKey, Integer> adjusted) {
        long[] t = new long[5];
        for (int a : adjusted.values()) if (a >= 1 && a <= 4) t[a]++;
        double y = t[1] + 2 * t[2] == 0 ? Double.NaN : t[1] / (double) (t[1] + 2 * t[2]);
        double[] d = new double[3];
        for (int k = 1; k <= 3; k++) {
            double v = k - (k + 1) * y * t[k + 1] / (double) t[k];
            d[k - 1] = Double.isFinite(v) && v > 0 && v < k ? v : k / 2.0;
        }
        return d;
    }

    private double discount(int n, int a) {
        return a == 0 ? 0 : discounts[n - 1][Math.min(a, 3) - 1];
    }

    /** For each context h of order n-1: {sum_x a(hx), N1, N2, N3+}. */
    private Map<NgramKey, double[]> contextStats(int n) {
        Map<NgramKey, double[]> out = new HashMap<>();
        for (Map.Entry<NgramKey, Integer> e : c.adjusted.get(n - 1).entrySet()) {
            double[] s = out.computeIfAbsent(e.getKey().prefix(), k -> new double[4]);
            int a = e.getValue();
            s[0] += a;
            if (a >= 1) s[Math.min(a, 3)]++;
        }
        return out;
    }

    private double gamma(int n, double[] s) {
        double[] d = discounts[n - 1];
        return (d[0] * s[1] + d[1] * s[2] + d[2] * s[3]) / s[0];
    }

    private Map<NgramKey, Double> probabilities(int n, List<Map<NgramKey, double[]>> ctx) {
        Map<NgramKey, Double> out = new LinkedHashMap<>();
        for (Map.Entry<NgramKey, Integer> e : c.adjusted.get(n - 1).entrySet()) {
            NgramKey g = e.getKey();
            if (n >= 2 && prune[n - 1] > 0 && c.raw.get(n - 1).getOrDefault(g, 0) <= prune[n - 1]) continue;
            double[] s = ctx.get(n - 1).get(g.prefix());
            int a = e.getValue();
            double lower = n == 1 ? 1.0 / vocab : fullLower(n - 1, g.suffix(), ctx);
            out.put(g, (a - discount(n, a)) / s[0] + gamma(n, s) * lower);
        }
        return out;
    }

    /** The unpruned interpolated probability of an n-gram (it always exists at lower orders). */
    private double fullLower(int n, NgramKey g, List<Map<NgramKey, double[]>> ctx) {
        Double kept = prob.get(n - 1).get(g);
        if (kept != null) return kept;
        double[] s = ctx.get(n - 1).get(g.prefix());
        int a = c.adjusted.get(n - 1).get(g);
        double lower = n == 1 ? 1.0 / vocab : fullLower(n - 1, g.suffix(), ctx);
        return (a - discount(n, a)) / s[0] + gamma(n, s) * lower;
    }

    /**
     * Back-offs of the kept k-grams that are contexts of kept (k+1)-grams; renormalised when
     * (k+1)-grams are pruned, so that each conditional distribution still sums to one.
     */
    private Map<NgramKey, Double> backoffs(int k, Map<NgramKey, double[]> stats) {
        Map<NgramKey, double[]> mass = new HashMap<>(); // context -> {sum p(w|h), sum q(w|h')}
        for (Map.Entry<NgramKey, Double> e : prob.get(k).entrySet()) {
            NgramKey g = e.getKey();
            double[] m = mass.computeIfAbsent(g.prefix(), x -> new double[2]);
            m[0] += e.getValue();
            m[1] += query(g.suffix());
        }
        Map<NgramKey, Double> out = new HashMap<>();
        for (Map.Entry<NgramKey, double[]> e : mass.entrySet()) {
            double[] m = e.getValue();
            double bo = prune[k] > 0 ? Math.max(0, 1 - m[0]) / Math.max(1e-12, 1 - m[1]) : gamma(k + 1, stats.get(e.getKey()));
            out.put(e.getKey(), bo);
        }
        return out;
    }

    /** Probability of the last word of {@code g} given the rest, from the kept model with back-off. */
    private double query(NgramKey g) {
        int n = g.order();
        Double p = prob.get(n - 1).get(g);
        if (p != null) return p;
        Double bo = backoff.size() >= n - 1 ? backoff.get(n - 2).get(g.prefix()) : null;
        return (bo == null ? 1.0 : bo) * query(g.suffix());
    }

    void writeArpa(StringBuilder sb) {
        sb.append("\\data\\\n");
        for (int n = 1; n <= order; n++) sb.append("ngram ").append(n).append('=').append(prob.get(n - 1).size() + (n == 1 ? 1 : 0)).append('\n');
        for (int n = 1; n <= order; n++) {
            sb.append("\n\\").append(n).append("-grams:\n");
            if (n == 1) line(sb, -99.0, new NgramKey(new int[] {c.bos}), 1);
            for (Map.Entry<NgramKey, Double> e : prob.get(n - 1).entrySet()) line(sb, Math.log10(e.getValue()), e.getKey(), n);
        }
        sb.append("\n\\end\\\n");
    }

    private void line(StringBuilder sb, double log10p, NgramKey g, int n) {
        sb.append(String.format(Locale.ROOT, "%.7f", log10p));
        for (int i = 0; i < n; i++) sb.append(i == 0 ? '\t' : ' ').append(c.words.get(g.id(i)));
        if (n < order) {
            Double bo = backoff.get(n - 1).get(g);
            if (bo != null) sb.append('\t').append(String.format(Locale.ROOT, "%.7f", bo > 0 ? Math.log10(bo) : -99.0));
        }
        sb.append('\n');
    }
}
