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
    private static final Map<ArpaLm, Map<List<String>, TokenTrie>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private VocabularyTries() {}

    /**
     * The trie of the LM's words that the tokens can spell ({@code <s>}, {@code </s>}, {@code <unk>}
     * left out); each word's last node holds the word's LM id ({@link TokenTrie#value}).
     */
    static TokenTrie of(ArpaLm lm, TokenTable tokens) {
        List<String> key = new ArrayList<>(tokens.size() + 1);
        for (int v = 0; v < tokens.size(); v++) key.add(tokens.text(v));
        key.add(Integer.toString(tokens.separator()));
        Map<List<String>, TokenTrie> byTokens = CACHE.computeIfAbsent(lm, k -> Collections.synchronizedMap(new HashMap<>()));
        return byTokens.computeIfAbsent(key, k -> build(lm, tokens));
    }

    private static TokenTrie build(ArpaLm lm, TokenTable tokens) {
        TokenTrie trie = new TokenTrie();
        for (String w : lm.words()) {
            if (w.equals(ArpaLm.BOS) || w.equals(ArpaLm.EOS) || w.equals(ArpaLm.UNK) || w.isEmpty()) continue;
            int[] ids = tokens.tryEncode(w);
            if (ids == null) continue;
            int[] path = trie.insert(ids);
            trie.setValue(path[path.length - 1], lm.id(w));
        }
        trie.compact();
        return trie;
    }
}
