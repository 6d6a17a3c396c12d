package org.elman.ctc.lm;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Estimates an interpolated modified Kneser-Ney n-gram model (Chen and Goodman, 1998, as KenLM's
 * {@code lmplz}) from text, one sentence per line, words separated by whitespace, and writes it as ARPA.
 *
 * <p>For an n-gram {@code hw} with adjusted count {@code a} (see {@link NgramCounts}):
 * {@code p(w|h) = (a(hw) - D_n(a)) / sum_x a(hx) + gamma(h) p(w|h')} with
 * {@code gamma(h) = (D_n1 N1(h.) + D_n2 N2(h.) + D_n3+ N3+(h.)) / sum_x a(hx)}; unigrams interpolate
 * with the uniform distribution over the vocabulary (all words, {@code </s>} and {@code <unk>}; not
 * {@code <s>}). Discounts come from the count-of-counts t1..t4 of each order: {@code Y = t1/(t1+2 t2)},
 * {@code D_k = k - (k+1) Y t_{k+1} / t_k}. Deviation: where that formula is undefined or outside
 * {@code (0, k)} (tiny corpora; KenLM refuses them) {@code D_k = k / 2} is used.
 *
 * <p>Pruning, as {@code lmplz --prune}: a threshold per order drops the n-grams of that order seen
 * at most that many times in the text (raw counts); the back-off weights of their contexts are
 * renormalised so every conditional distribution still sums to one. Unigrams are never pruned, and
 * the thresholds may not decrease with the order (so every kept n-gram keeps its context).
 * Singleton pruning is threshold 1 for every order from 2.
 *
 * <p>Vocabulary ({@link Builder#optVocabulary}, as SRILM's {@code -vocab} adds words): words the
 * text does not contain join the vocabulary with count zero, like {@code <unk>}: each gets the
 * uniform share of the discounted unigram mass, {@code gamma() / |V|}, and every other unigram's
 * share of that mass shrinks with the larger {@code |V|}. A decoder then treats them as known
 * words (e.g. without its unknown-word penalty).
 */
public final class NgramLmBuilder {
    private final int order;
    private final int[] prune;
    private final List<String> vocabulary;

    private NgramLmBuilder(int order, int[] prune, List<String> vocabulary) {
        this.order = order;
        this.prune = prune;
        this.vocabulary = vocabulary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Estimates from sentences and returns ARPA text. Empty corpus: an error. */
    public String buildArpa(List<String> sentences) {
        NgramCounts counts = new NgramCounts(order);
        int used = 0;
        for (String line : sentences) {
            String s = line.strip();
            if (s.isEmpty()) continue;
            String[] words = s.split("\\s+");
            for (String w : words) {
                if (w.equals(ArpaLm.BOS) || w.equals(ArpaLm.EOS)) {
                    throw new IllegalArgumentException("sentence " + (used + 1) + " contains the reserved word " + w);
                }
            }
            counts.addSentence(words);
            used++;
        }
        if (used == 0) throw new IllegalArgumentException("the corpus has no sentences");
        counts.adjust();
        for (String w : vocabulary) counts.addZeroCountWord(w);
        KneserNey kn = new KneserNey(counts, prune);
        StringBuilder sb = new StringBuilder();
        kn.writeArpa(sb);
        return sb.toString();
    }

    /** Reads a text file (UTF-8, one sentence per line) and writes the ARPA file. */
    public void build(Path text, Path arpa) throws IOException {
        String out = buildArpa(Files.readAllLines(text, StandardCharsets.UTF_8));
        try (Writer w = Files.newBufferedWriter(arpa, StandardCharsets.UTF_8)) {
            w.write(out);
        }
    }

    public static final class Builder {
        private int order = 3;
        private boolean pruneSingletons;
        private int[] thresholds;
        private List<String> vocabulary = List.of();

        private Builder() {}

        /** Model order, 1 to 5 (default 3). */
        public Builder setOrder(int order) {
            this.order = order;
            return this;
        }

        /** Drop n-grams (order >= 2) seen once: {@link #optPrune} with 1 for every order from 2. */
        public Builder optPruneSingletons(boolean prune) {
            this.pruneSingletons = prune;
            return this;
        }

        /**
         * Count thresholds per order, unigrams first (as {@code lmplz --prune 0 1 1}): n-grams of
         * order n seen at most {@code thresholds[n-1]} times are dropped. The first must be 0, none
         * negative, none smaller than the one before; orders past the last given use the last.
         */
        public Builder optPrune(int... thresholds) {
            this.thresholds = thresholds == null ? null : thresholds.clone();
            return this;
        }

        /**
         * Words to add to the vocabulary with count zero when the text lacks them (default none);
         * each a single token without whitespace, not {@code <s>} or {@code </s>}.
         */
        public Builder optVocabulary(Collection<String> words) {
            List<String> out = new ArrayList<>();
            for (String w : words) {
                if (w == null || w.isEmpty() || !w.equals(w.strip()) || w.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("vocabulary word " + (out.size() + 1) + " is not a single token: '" + w + "'");
                }
                if (w.equals(ArpaLm.BOS) || w.equals(ArpaLm.EOS)) {
                    throw new IllegalArgumentException("vocabulary word " + (out.size() + 1) + " is the reserved word " + w);
                }
                out.add(w);
            }
            this.vocabulary = out;
            return this;
        }

        public NgramLmBuilder build() {
            if (order < 1 || order > 5) throw new IllegalArgumentException("n-gram order must be in [1, 5], got " + order);
            if (pruneSingletons && thresholds != null) throw new IllegalArgumentException("give pruning thresholds or singleton pruning, not both");
            int[] prune = new int[order];
            if (pruneSingletons) Arrays.fill(prune, 1, order, 1);
            if (thresholds != null) prune = thresholdsPerOrder(thresholds, order);
            return new NgramLmBuilder(order, prune, vocabulary);
        }

        private static int[] thresholdsPerOrder(int[] given, int order) {
            if (given.length == 0) throw new IllegalArgumentException("pruning needs at least one threshold");
            if (given.length > order) {
                throw new IllegalArgumentException(given.length + " pruning thresholds for a model of order " + order);
            }
            if (given[0] != 0) throw new IllegalArgumentException("unigrams cannot be pruned: the first threshold must be 0, got " + given[0]);
            int[] out = new int[order];
            for (int n = 0; n < order; n++) {
                out[n] = given[Math.min(n, given.length - 1)];
                if (out[n] < 0) throw new IllegalArgumentException("pruning thresholds must be >= 0, got " + out[n]);
                if (n > 0 && out[n] < out[n - 1]) {
                    throw new IllegalArgumentException("pruning thresholds may not decrease with the order, got "
                            + Arrays.toString(given));
                }
            }
            return out;
        }
    }
}
