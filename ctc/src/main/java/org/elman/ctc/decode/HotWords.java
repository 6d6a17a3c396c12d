package org.elman.ctc.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phrases to favour in one decoding stream, each with its own boost (natural-log score added per
 * matched token). Built at decode time from the stream's phrases; the decoder is not rebuilt.
 *
 * <p>Matching follows the context-graph idea of icefall: a prefix that is part way into a phrase
 * holds the boosts of the tokens matched so far; when the next token leaves every phrase, that
 * unfinished bonus is taken back and matching restarts at the root with the same token; a
 * completed phrase keeps its bonus. Unfinished bonuses are also taken back at the end of input.
 * (Unlike Aho-Corasick there are no failure links to a shorter suffix of the partial match.)
 */
public final class HotWords {
    private static final HotWords NONE = new HotWords();

    private final TokenTrie trie = new TokenTrie();
    private double[] score = new double[1];
    private double[] banked = new double[1];

    private HotWords() {}

    /** No hot words. */
    public static HotWords none() {
        return NONE;
    }

    /** Phrases (spaces become the word separator) mapped to their per-token boosts. */
    public static HotWords of(Map<String, Double> phrases, TokenTable tokens) {
        HotWords h = new HotWords();
        Map<Integer, Double> boostOfNode = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : phrases.entrySet()) {
            String text = e.getKey() == null ? "" : e.getKey().strip();
            if (text.isEmpty()) throw new IllegalArgumentException("hot-word phrase is empty");
            double boost = e.getValue();
            if (!Double.isFinite(boost)) throw new IllegalArgumentException("hot-word '" + text + "' has boost " + boost);
            int[] path = h.trie.insert(tokens.encode(text));
            for (int node : path) boostOfNode.merge(node, boost, Math::max);
        }
        int size = h.trie.size();
        h.score = new double[size];
        h.banked = new double[size];
        for (int node = 1; node < size; node++) { // parents come before children
            int p = h.trie.parent(node);
            h.score[node] = h.score[p] + boostOfNode.get(node);
            h.banked[node] = h.trie.isTerminal(node) ? h.score[node] : h.banked[p];
        }
        return h;
    }

    public boolean isEmpty() {
        return trie.size() == 1;
    }

    /** The node after {@code token} and the score change, packed as {@code result[0] = node}. */
    int step(int node, int token, double[] delta) {
        if (isEmpty()) {
            delta[0] = 0;
            return 0;
        }
        int child = trie.child(node, token);
        if (child < 0 && node != 0) {
            delta[0] = -(score[node] - banked[node]);
            node = 0;
            child = trie.child(0, token);
        } else {
            delta[0] = 0;
        }
        if (child < 0) return 0;
        delta[0] += score[child] - score[node];
        if (trie.isTerminal(child) && !trie.hasChildren(child)) return 0;
        return child;
    }

    /** The unfinished bonus held at {@code node}, taken back at the end of input. */
    double unfinished(int node) {
        return score[node] - banked[node];
    }
}
