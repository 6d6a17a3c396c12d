package org.elman.ctc.decode;

import org.elman.ctc.LogMath;
import org.elman.ctc.lm.ArpaLm;

/** Creates prefix-tree nodes with their frame-independent scores, and the end-of-input terms. */
final class PrefixScorer {
    private final BeamSearchConfig cfg;
    private final TokenTable tokens;
    private final ArpaLm wordLm;
    private final ArpaLm charLm;
    private final Lexicon lexicon;
    private final TokenTrie lmVocabulary;
    private final float[] lookahead;
    /** The look-ahead of a word that has left the vocabulary trie: the weighted unigram of {@code <unk>}. */
    private final double unknownLookahead;
    private final int[] charIds;
    private final int wordEos; // the LMs' ids of </s>, -1 without
    private final int charEos;

    PrefixScorer(BeamSearchConfig cfg) {
        this.cfg = cfg;
        this.tokens = cfg.tokens();
        this.wordLm = cfg.wordLm();
        this.charLm = cfg.charLm();
        this.lexicon = cfg.lexicon();
        this.lmVocabulary = cfg.lmVocabulary();
        this.lookahead = cfg.lookaheadScores();
        this.unknownLookahead = lookahead == null ? 0 : cfg.lmWeight() * wordLm.logProb(new int[0], -1);
        this.charIds = new int[tokens.size()];
        for (int v = 0; v < tokens.size(); v++) charIds[v] = charLm == null ? -1 : charLm.id(tokens.text(v));
        this.wordEos = wordLm == null ? -1 : wordLm.id(ArpaLm.EOS);
        this.charEos = charLm == null ? -1 : charLm.id(ArpaLm.EOS);
    }

    Prefix root() {
        Prefix r = new Prefix(null, -1, 0);
        r.wordHistory = wordLm == null ? new int[0] : wordLm.startHistory();
        r.charHistory = charLm == null ? new int[0] : charLm.startHistory();
        r.lexNode = Lexicon.root();
        return r;
    }

    /** The child of {@code p} along token {@code v}, created and scored on first use; null when the lexicon forbids it. */
    Prefix extend(BeamStream s, Prefix p, int v) {
        Prefix c = p.child(v);
        if (c != null) {
            if (c.alive != s.generation) c.revive(s.serial++);
            return c;
        }
        boolean separator = v == tokens.separator();
        int lexNode = p.lexNode;
        if (lexicon != null) {
            if (separator && lexNode != Lexicon.root() && !lexicon.isWord(lexNode)) return null;
            if (!separator && (lexNode = lexicon.next(lexNode, v)) < 0) return null;
        }
        c = new Prefix(p, v, s.serial++);
        c.bonus = p.bonus;
        c.wordHistory = p.wordHistory;
        c.charHistory = p.charHistory;
        c.lexNode = separator ? Lexicon.root() : lexNode;
        c.lmNode = separator ? 0 : p.lmNode;
        if (!separator && lmVocabulary != null && p.lmNode >= 0) {
            c.lmNode = lmVocabulary.child(p.lmNode, v);
            if (c.lmNode < 0) c.bonus += cfg.unknownWordPenalty();
        }
        c.bonus += provisional(c.lmNode) - provisional(p.lmNode);
        if (separator) {
            if (!p.partialWord.isEmpty()) {
                int word = wordId(p);
                c.bonus += wordScore(p.wordHistory, word, p.lmNode);
                if (wordLm != null) c.wordHistory = wordLm.extend(p.wordHistory, word);
            }
        } else if (tokens.separator() >= 0) {
            c.partialWord = p.partialWord + tokens.text(v);
        }
        if (charLm != null) {
            c.bonus += cfg.charWeight() * charLm.logProb(p.charHistory, charIds[v]) + cfg.charBonus();
            c.charHistory = charLm.extend(p.charHistory, charIds[v]);
        }
        double[] delta = new double[1];
        c.hotNode = s.hotWords.step(p.hotNode, v, delta);
        c.bonus += delta[0];
        p.addChild(c);
        return c;
    }

    /**
     * The look-ahead score a prefix whose word in progress is at {@code lmNode} carries until the
     * word ends: none between words (node 0), the best unigram below the node inside the trie, and
     * the unigram of {@code <unk>} once the word has left it (-1), so that a word outside the
     * vocabulary pays its LM cost early too instead of being the one kind of word that spells for
     * free.
     */
    private double provisional(int lmNode) {
        if (lookahead == null || lmNode == 0) return 0;
        return lmNode < 0 ? unknownLookahead : cfg.lmWeight() * lookahead[lmNode];
    }

    /**
     * The word LM's id of the word in progress of {@code p} (-1 when unknown): from the vocabulary
     * trie when the word ended on one of its words, else by its text.
     */
    private int wordId(Prefix p) {
        if (wordLm == null) return -1;
        if (lmVocabulary != null && p.lmNode >= 0) {
            int id = lmVocabulary.value(p.lmNode);
            if (id >= 0) return id;
        }
        return wordLm.id(p.partialWord);
    }

    /** LM score and bonus of a completed word (its LM id); {@code lmNode} is where the word ended in the LM vocabulary trie. */
    private double wordScore(int[] history, int word, int lmNode) {
        double lm = wordLm == null ? 0 : cfg.lmWeight() * wordLm.logProb(history, word);
        // a word still inside the trie but not a vocabulary word pays the unknown-word penalty now
        if (lmVocabulary != null && lmNode >= 0 && !lmVocabulary.isTerminal(lmNode)) lm += cfg.unknownWordPenalty();
        return lm + cfg.wordBonus();
    }

    /** Score added at the end of input, or log(0) when the prefix may not end here. */
    double finish(BeamStream s, Prefix p) {
        if (lexicon != null && !p.partialWord.isEmpty() && !lexicon.isWord(p.lexNode)) return LogMath.LOG_ZERO;
        double fin = -s.hotWords.unfinished(p.hotNode) - provisional(p.lmNode);
        int[] history = p.wordHistory;
        if (!p.partialWord.isEmpty() && tokens.separator() >= 0) {
            int word = wordId(p);
            fin += wordScore(history, word, p.lmNode);
            if (wordLm != null) history = wordLm.extend(history, word);
        }
        if (wordEos >= 0) fin += cfg.lmWeight() * wordLm.logProb(history, wordEos);
        if (charEos >= 0) fin += cfg.charWeight() * charLm.logProb(p.charHistory, charEos);
        return fin;
    }
}
