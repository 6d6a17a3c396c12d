package org.elman.ctc.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.elman.ctc.lm.ArpaLm;

/**
 * The word LM's vocabulary as a token trie, built once per LM and token set and shared by every
 * decoder (for a 56k-word LM the trie takes about 150 ms and 27 MB, so one per worker would add up).
 * Entries go away with their LM.
 */
final class VocabularyTries {
    private static final Map<ArpaLm, Map<List<String>, Vocabulary>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The trie and, per node, the LM look-ahead: the highest unigram log-probability (natural log)
     * of the vocabulary words that start with the node's tokens (0 at the root).
     */
    record Vocabulary(TokenTrie trie, float[] lookahead) {}

    private VocabularyTries() {}

    /**
     * The trie of the LM's words that the tokens can spell ({@code <s>}, {@code </s>}, {@code <unk>}
     * left out); each word's last node holds the word's LM id ({@link TokenTrie#value}).
     */
    static Vocabulary of(ArpaLm lm, TokenTable tokens) {
        List<String> key = new ArrayList<>(tokens.size() + 1);
        for (int v = 0; v < tokens.size(); v++) key.add(tokens.text(v));
        key.add(Integer.toString(tokens.separator()));
        Map<List<String>, Vocabulary> byTokens = CACHE.computeIfAbsent(lm, k -> Collections.synchronizedMap(new HashMap<>()));
        return byTokens.computeIfAbsent(key, k -> build(lm, tokens));
    }

    private static Vocabulary build(ArpaLm lm, TokenTable tokens) {
        TokenTrie trie = new TokenTrie();
        for (String w : lm.words()) {
            if (w.equals(ArpaLm.BOS) || w.equals(ArpaLm.EOS) || w.equals(ArpaLm.UNK) || w.isEmpty()) continue;
            int[] ids = tokens.tryEncode(w);
            if (ids == null) continue;
            int[] path = trie.insert(ids);
            trie.setValue(path[path.length - 1], lm.id(w));
        }
        trie.compact();
        return new Vocabulary(trie, lookahead(trie, lm));
    }

    /** Each node's best unigram log-probability below it; children have larger ids than their parents. */
    private static float[] lookahead(TokenTrie trie, ArpaLm lm) {
        float[] best = new float[trie.size()];
        int[] noHistory = new int[0];
        for (int n = 0; n < best.length; n++) {
            best[n] = trie.value(n) >= 0 ? (float) lm.logProb(noHistory, trie.value(n)) : Float.NEGATIVE_INFINITY;
        }
        for (int n = best.length - 1; n > 0; n--) {
            best[trie.parent(n)] = Math.max(best[trie.parent(n)], best[n]);
        }
        best[0] = 0;
        return best;
    }
}
