package org.elman.ctc.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.elman.ctc.LogMath;
import org.elman.ctc.decode.BeamStream.Beam;

/**
 * CTC prefix beam search (Graves 2012 / Hannun et al. 2014) over log-probabilities, with optional
 * word n-gram LM, character n-gram LM, lexicon constraint and per-stream hot words.
 *
 * <p>Each prefix carries {@code p_b} and {@code p_nb}, the probabilities of the frames so far ending
 * in blank and in its last token. Per frame: blank keeps the prefix ({@code p_b' += (p_b + p_nb) y_blank}),
 * repeating the last token keeps it ({@code p_nb' += p_nb y_c}), any other token c extends it
 * ({@code p_nb'(l+c) += (p_b + p_nb) y_c}, or {@code p_b y_c} when c equals the last token). Beams are
 * ranked by {@code log(p_b + p_nb) + bonus}, where the bonus, fixed per prefix, sums
 * {@code alpha * ln P_word(w | history) + beta} at each word end (a separator token or the end of
 * input, with {@code alpha * ln P(</s> | ...)} at the end), {@code charWeight * ln P_char(c | ...) +
 * charBonus} per token, and hot-word boosts. The decoder is immutable; all progress lives in a
 * {@link BeamStream}, so feeding the frames in any chunking gives exactly the offline result.
 *
 * <pre>{@code
 * BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(16)
 *     .optWordLm(ArpaLm.read(path), 0.5, 1.0).build();
 * BeamStream s = d.newStream(HotWords.of(Map.of("elman", 3.0), tokens));
 * d.accept(s, FrameSource.of(chunk));   // repeat per chunk
 * List<Hypothesis> nBest = d.result(s);
 * }</pre>
 */
public final class BeamSearchDecoder {
    private final BeamSearchConfig cfg;
    private final PrefixScorer scorer;

    BeamSearchDecoder(BeamSearchConfig cfg) {
        this.cfg = cfg;
        this.scorer = new PrefixScorer(cfg);
    }

    public static BeamSearchConfig.Builder builder() {
        return new BeamSearchConfig.Builder();
    }

    public BeamSearchConfig config() {
        return cfg;
    }

    public BeamStream newStream() {
        return newStream(HotWords.none());
    }

    /** A stream favouring the given hot words (built per stream; the decoder is not rebuilt). */
    public BeamStream newStream(HotWords hotWords) {
        return new BeamStream(hotWords == null ? HotWords.none() : hotWords, scorer.root());
    }

    /** Decodes a whole input at once and returns the n-best list. */
    public List<Hypothesis> decode(FrameSource x) {
        BeamStream s = newStream();
        accept(s, x);
        return result(s);
    }

    /** Consumes the next chunk of frames of the stream. */
    public void accept(BeamStream s, FrameSource x) {
        if (x.vocab() != cfg.tokens().size()) {
            throw new IllegalArgumentException("input has " + x.vocab() + " symbols per frame, the token table " + cfg.tokens().size());
        }
        for (int t = 0; t < x.frames(); t++) step(s, x, t);
    }

    private void step(BeamStream s, FrameSource x, int t) {
        int blank = cfg.tokens().blank();
        float best = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < x.vocab(); v++) best = Math.max(best, x.at(t, v));
        double floor = best - cfg.tokenThreshold();
        List<Beam> order = new ArrayList<>(s.beams.size() * x.vocab());
        for (Beam b : s.beams) {
            double total = LogMath.add(b.blank, b.nonBlank);
            Beam same = slot(s, order, b.prefix);
            same.blank = LogMath.add(same.blank, total + x.at(t, blank));
            int last = b.prefix.last();
            if (last >= 0) same.nonBlank = LogMath.add(same.nonBlank, b.nonBlank + x.at(t, last));
            for (int v = 0; v < x.vocab(); v++) {
                float y = x.at(t, v);
                if (v == blank || y < floor || y == Float.NEGATIVE_INFINITY) continue;
                double enter = (v == last ? b.blank : total) + y;
                if (enter == LogMath.LOG_ZERO) continue;
                Prefix child = scorer.extend(s, b.prefix, v);
                if (child == null) continue;
                Beam c = slot(s, order, child);
                c.nonBlank = LogMath.add(c.nonBlank, enter);
                if (enter > child.bestEnter) {
                    child.bestEnter = enter;
                    child.frame = s.frame;
                }
            }
        }
        List<Beam> kept = best(order, cfg.beamWidth());
        forgetPruned(s, kept);
        s.beams = kept;
        s.frame++;
    }

    /** The best {@code k} beams, best first: higher score, then earlier-created prefix. */
    private static List<Beam> best(List<Beam> all, int k) {
        Beam[] top = new Beam[Math.min(k, all.size())];
        int n = 0;
        for (Beam b : all) {
            b.rank = LogMath.add(b.blank, b.nonBlank) + b.prefix.bonus;
            if (n == top.length && !before(b, top[n - 1])) continue;
            int i = n == top.length ? n - 1 : n++;
            while (i > 0 && before(b, top[i - 1])) {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = b;
        }
        return new ArrayList<>(java.util.Arrays.asList(top));
    }

    private static boolean before(Beam a, Beam b) {
        return a.rank > b.rank || a.rank == b.rank && a.prefix.serial < b.prefix.serial;
    }

    /** The beam of {@code p} in this frame, created (and listed in {@code order}) on first use. */
    private static Beam slot(BeamStream s, List<Beam> order, Prefix p) {
        if (p.beamFrame != s.frame) {
            p.beam = new Beam(p);
            p.beamFrame = s.frame;
            order.add(p.beam);
        }
        return p.beam;
    }

    /**
     * Drops pruned prefixes from the tree so memory stays bounded on long streams: what remains is
     * the kept beams, their ancestors and the kept beams' direct children (cached, {@link
     * Prefix#forgetChildren}). Each previous beam and its parent are trimmed, so a prefix that
     * leaves the beams leaves the tree too.
     */
    private static void forgetPruned(BeamStream s, List<Beam> kept) {
        int gen = ++s.generation;
        for (Beam b : kept) {
            b.prefix.kept = gen;
            for (Prefix p = b.prefix; p != null && p.alive != gen; p = p.parent) p.alive = gen;
        }
        for (Beam b : s.beams) {
            b.prefix.forgetChildren(gen);
            if (b.prefix.parent != null) b.prefix.parent.forgetChildren(gen);
        }
    }

    /**
     * The n-best list for everything consumed so far, with end-of-input scoring (last word, end of
     * sentence, unfinished hot words, lexicon completeness); the stream is not changed.
     */
    public List<Hypothesis> result(BeamStream s) {
        List<Hypothesis> out = new ArrayList<>();
        for (Beam b : s.beams) {
            double fin = scorer.finish(s, b.prefix);
            if (fin != LogMath.LOG_ZERO) out.add(hypothesis(b, fin));
        }
        out.sort(Comparator.comparingDouble(h -> -h.score()));
        return out.size() > cfg.nBest() ? new ArrayList<>(out.subList(0, cfg.nBest())) : out;
    }

    private Hypothesis hypothesis(Beam b, double fin) {
        double acoustic = LogMath.add(b.blank, b.nonBlank);
        int[] ids = b.prefix.tokens();
        return new Hypothesis(ids, b.prefix.frames(), cfg.tokens().join(ids), acoustic + b.prefix.bonus + fin, acoustic);
    }

    /**
     * Frames since the last token of the current best prefix was emitted (all frames when it is
     * empty); a silence measure for endpoint detection.
     */
    public int trailingBlankFrames(BeamStream s) {
        Prefix p = s.beams.get(0).prefix;
        return p.parent == null ? s.frame : s.frame - 1 - p.frame;
    }

    /**
     * The best hypothesis, or an empty one when nothing is allowed (e.g. no word of the lexicon
     * fits): the first of {@link #result}, found without building the others (streaming servers ask
     * for it after every chunk).
     */
    public Hypothesis best(BeamStream s) {
        Beam top = null;
        double topScore = 0;
        double topFin = 0;
        for (Beam b : s.beams) {
            double fin = scorer.finish(s, b.prefix);
            if (fin == LogMath.LOG_ZERO) continue;
            double score = LogMath.add(b.blank, b.nonBlank) + b.prefix.bonus + fin;
            if (top == null || score > topScore) {
                top = b;
                topScore = score;
                topFin = fin;
            }
        }
        return top == null ? new Hypothesis(new int[0], new int[0], "", LogMath.LOG_ZERO, LogMath.LOG_ZERO) : hypothesis(top, topFin);
    }
}
