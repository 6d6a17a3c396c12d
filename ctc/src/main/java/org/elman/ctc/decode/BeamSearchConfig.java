package org.elman.ctc.decode;

import java.util.ArrayList;
import java.util.List;
import org.elman.ctc.lm.ArpaLm;

/** Settings of {@link BeamSearchDecoder}, validated by {@link Builder#build()}. */
public final class BeamSearchConfig {
    private final Builder b;

    private BeamSearchConfig(Builder b) {
        this.b = b;
    }

    public TokenTable tokens() { return b.tokens; }
    public int beamWidth() { return b.beamWidth; }
    public int nBest() { return b.nBest; }
    public double tokenThreshold() { return b.tokenThreshold; }
    public ArpaLm wordLm() { return b.wordLm; }
    public double lmWeight() { return b.alpha; }
    public double wordBonus() { return b.beta; }
    public ArpaLm charLm() { return b.charLm; }
    public double charWeight() { return b.charWeight; }
    public double charBonus() { return b.charBonus; }
    public Lexicon lexicon() { return b.lexicon; }
    public double unknownWordPenalty() { return b.unknownWordPenalty; }
    public boolean lmLookahead() { return b.lmLookahead; }
    /** The word LM's vocabulary as a token trie (for the unknown-word penalty and look-ahead), or null. */
    TokenTrie lmVocabulary() { return b.lmVocabulary == null ? null : b.lmVocabulary.trie(); }
    /** Per node of {@link #lmVocabulary()}: the look-ahead log-probability, or null when look-ahead is off. */
    float[] lookaheadScores() { return b.lmLookahead && b.lmVocabulary != null ? b.lmVocabulary.lookahead() : null; }

    /**
     * A builder holding these settings, for a variant (say a wider beam or an n-best list) of the
     * same search; changing it leaves this configuration as it is.
     */
    public Builder toBuilder() {
        return new Builder(b);
    }

    public static final class Builder {
        private TokenTable tokens;
        private int beamWidth = 16;
        private int nBest = 1;
        private double tokenThreshold = Double.POSITIVE_INFINITY;
        private ArpaLm wordLm;
        private double alpha;
        private double beta;
        private ArpaLm charLm;
        private double charWeight;
        private double charBonus;
        private Lexicon lexicon;
        private double unknownWordPenalty = WordLmDefaults.UNKNOWN_WORD_PENALTY;
        private boolean lmLookahead;
        private VocabularyTries.Vocabulary lmVocabulary;

        Builder() {}

        private Builder(Builder o) {
            tokens = o.tokens;
            beamWidth = o.beamWidth;
            nBest = o.nBest;
            tokenThreshold = o.tokenThreshold;
            wordLm = o.wordLm;
            alpha = o.alpha;
            beta = o.beta;
            charLm = o.charLm;
            charWeight = o.charWeight;
            charBonus = o.charBonus;
            lexicon = o.lexicon;
            unknownWordPenalty = o.unknownWordPenalty;
            lmLookahead = o.lmLookahead;
            lmVocabulary = o.lmVocabulary;
        }

        /** The output symbols (required). */
        public Builder setTokens(TokenTable tokens) {
            this.tokens = tokens;
            return this;
        }

        /** Number of prefixes kept per frame (default 16). */
        public Builder optBeamWidth(int width) {
            this.beamWidth = width;
            return this;
        }

        /** Number of hypotheses returned (default 1, at most the beam width). */
        public Builder optNBest(int n) {
            this.nBest = n;
            return this;
        }

        /** Skip tokens whose log-prob is more than this below the frame's best (default: consider all). */
        public Builder optTokenThreshold(double logProbMargin) {
            this.tokenThreshold = logProbMargin;
            return this;
        }

        /** Word n-gram LM with weight alpha and word-insertion bonus beta (needs a word separator token). */
        public Builder optWordLm(ArpaLm lm, double alpha, double beta) {
            this.wordLm = lm;
            this.alpha = alpha;
            this.beta = beta;
            return this;
        }

        /** Word-insertion bonus without a word LM. */
        public Builder optWordBonus(double beta) {
            this.beta = beta;
            return this;
        }

        /** Character n-gram LM over the token texts, with a weight and a per-token bonus. */
        public Builder optCharLm(ArpaLm lm, double weight, double bonus) {
            this.charLm = lm;
            this.charWeight = weight;
            this.charBonus = bonus;
            return this;
        }

        /**
         * Log-domain score (natural log, not scaled by the LM weight; default {@value
         * WordLmDefaults#UNKNOWN_WORD_PENALTY}, as in the CLI: -10 cost the bundled model 5-6 points
         * of dev WER) added once when the word in progress stops being a prefix of any word of the
         * word LM's vocabulary. Without it, run-together words would pay one unknown-word LM score
         * where the separate words pay one each, and the search would prefer them. 0 turns it off;
         * unused with a lexicon.
         */
        public Builder optUnknownWordPenalty(double logPenalty) {
            this.unknownWordPenalty = logPenalty;
            return this;
        }

        /**
         * Word-LM look-ahead (default off): while a word is being spelled, its prefix already
         * carries the LM weight times the highest unigram log-probability of the vocabulary words
         * it can still become, and the completed word's real score replaces it (unigram smearing
         * as in wav2letter's lexicon decoder). Prefixes that can only end in rare words then leave
         * the beam early instead of crowding out words the LM likes. Complete hypotheses score the
         * same either way. Needs a word LM; unused with a lexicon.
         */
        public Builder optLmLookahead(boolean on) {
            this.lmLookahead = on;
            return this;
        }

        /** Restrict words to this lexicon. */
        public Builder optLexicon(Lexicon lexicon) {
            this.lexicon = lexicon;
            return this;
        }

        public BeamSearchDecoder build() {
            if (tokens == null) throw new IllegalArgumentException("beam search needs a token table (setTokens)");
            if (beamWidth < 1) throw new IllegalArgumentException("beam width must be >= 1, got " + beamWidth);
            if (nBest < 1 || nBest > beamWidth) throw new IllegalArgumentException("n-best " + nBest + " must be in [1, beam width " + beamWidth + "]");
            if (!(tokenThreshold > 0)) throw new IllegalArgumentException("token threshold must be > 0, got " + tokenThreshold);
            requireFinite("LM weight", alpha);
            requireFinite("word bonus", beta);
            requireFinite("char LM weight", charWeight);
            requireFinite("char bonus", charBonus);
            if ((wordLm != null || lexicon != null || beta != 0) && tokens.separator() < 0) {
                throw new IllegalArgumentException("a word LM, word bonus or lexicon needs a word-separator token in the token table");
            }
            if (!(unknownWordPenalty <= 0)) throw new IllegalArgumentException("unknown-word penalty must be <= 0, got " + unknownWordPenalty);
            if (charLm != null) checkCharCoverage();
            if (lmLookahead && wordLm == null) throw new IllegalArgumentException("LM look-ahead needs a word LM (optWordLm)");
            boolean trie = wordLm != null && lexicon == null && (unknownWordPenalty < 0 || lmLookahead);
            lmVocabulary = trie ? VocabularyTries.of(wordLm, tokens) : null;
            return new BeamSearchDecoder(new BeamSearchConfig(new Builder(this)));
        }

        private static void requireFinite(String what, double v) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " must be finite, got " + v);
        }

        private void checkCharCoverage() {
            if (charLm.id(ArpaLm.UNK) >= 0) return;
            List<String> missing = new ArrayList<>();
            for (int v = 0; v < tokens.size(); v++) {
                if (v != tokens.blank() && charLm.id(tokens.text(v)) < 0) missing.add(tokens.text(v));
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("character LM has no <unk> and lacks tokens " + missing);
            }
        }
    }
}
