package org.elman.ctc.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw and Kneser-Ney adjusted n-gram counts of a corpus. Sentences are padded with {@code <s>} and
 * {@code </s>}. The adjusted count of a highest-order n-gram, or of one starting with {@code <s>},
 * is its raw count; that of any other lower-order n-gram is the number of distinct words seen
 * before it (its continuation count).
 */
final class NgramCounts {
    final int order;
    final Map<String, Integer> ids = new HashMap<>();
    final List<String> words = new ArrayList<>();
    /** Per order (index n-1): n-gram -> raw count, in first-seen order. */
    final List<Map<NgramKey, Integer>> raw = new ArrayList<>();
    /** Per order: n-gram -> adjusted count. */
    final List<Map<NgramKey, Integer>> adjusted = new ArrayList<>();
    final int bos;
    final int eos;
    final int unk;

    NgramCounts(int order) {
        this.order = order;
        for (int n = 0; n < order; n++) {
            raw.add(new LinkedHashMap<>());
            adjusted.add(new LinkedHashMap<>());
        }
        bos = id(ArpaLm.BOS);
        eos = id(ArpaLm.EOS);
        unk = id(ArpaLm.UNK);
    }

    int id(String w) {
        Integer i = ids.get(w);
        if (i != null) return i;
        ids.put(w, words.size());
        words.add(w);
        return words.size() - 1;
    }

    /**
     * Puts {@code w} in the vocabulary with adjusted unigram count zero unless the text had it (as
     * {@code <unk>} and words added by {@link NgramLmBuilder.Builder#optVocabulary}); call after
     * {@link #adjust()}.
     */
    void addZeroCountWord(String w) {
        adjusted.get(0).putIfAbsent(new NgramKey(new int[] {id(w)}), 0);
    }

    void addSentence(String[] tokens) {
        int[] s = new int[tokens.length + 2];
        s[0] = bos;
        for (int i = 0; i < tokens.length; i++) s[i + 1] = id(tokens[i]);
        s[s.length - 1] = eos;
        for (int n = 1; n <= order; n++) {
            for (int i = 0; i + n <= s.length; i++) {
                raw.get(n - 1).merge(new NgramKey(java.util.Arrays.copyOfRange(s, i, i + n)), 1, Integer::sum);
            }
        }
    }

    /** Computes the adjusted counts from the raw counts. */
    void adjust() {
        adjusted.get(order - 1).putAll(raw.get(order - 1));
        for (int n = order - 1; n >= 1; n--) {
            Map<NgramKey, Integer> lower = adjusted.get(n - 1);
            for (NgramKey g : raw.get(n - 1).keySet()) {
                if (g.first() == bos) lower.put(g, raw.get(n - 1).get(g));
                else lower.put(g, 0);
            }
            for (NgramKey longer : raw.get(n).keySet()) {
                NgramKey suffix = longer.suffix();
                if (suffix.first() != bos) lower.merge(suffix, 1, Integer::sum);
            }
        }
        adjusted.get(0).remove(new NgramKey(new int[] {bos}));
    }
}
