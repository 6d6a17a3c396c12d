package org.elman.models.data.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elman.models.data.KaldiIds;

/**
 * Word tokeniser. Ids: 0 blank, 1 {@value #UNK}, then the vocabulary. Text is normalised with
 * {@link TextNormalizer} and split at spaces; a word not in the vocabulary encodes to
 * {@value #UNK} and decodes as the literal {@code <unk>}.
 *
 * <p>{@link #build} keeps words seen at least {@code minCount} times in the normalised texts,
 * ordered by count (most frequent first) and then in {@code LC_ALL=C} order, so the ids are
 * deterministic.
 */
public final class WordTokenizer implements Tokenizer {
    /** The unknown-word token. */
    public static final String UNK = "<unk>";
    static final String TYPE = "word";

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    /** A tokeniser over the given words (ids 2 and up), each a normalised word without spaces. */
    public WordTokenizer(List<String> words) {
        List<String> all = new ArrayList<>(words.size() + 2);
        all.add("<blank>");
        all.add(UNK);
        for (String w : words) {
            if (w.isEmpty() || !TextNormalizer.normalize(w).equals(w) || w.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("vocabulary word '" + w + "' is not a normalised single word");
            }
            if (ids.put(w, all.size()) != null) throw new IllegalArgumentException("vocabulary word '" + w + "' appears twice");
            all.add(w);
        }
        this.tokens = Collections.unmodifiableList(all);
    }

    /** Builds the vocabulary from texts: words with count {@code >= minCount}. */
    public static WordTokenizer build(Iterable<String> texts, int minCount) {
        if (minCount < 1) throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        Map<String, Integer> counts = new HashMap<>();
        for (String t : texts) {
            String norm = TextNormalizer.normalize(t);
            if (norm.isEmpty()) continue;
            for (String w : norm.split(" ")) counts.merge(w, 1, Integer::sum);
        }
        List<String> words = new ArrayList<>();
        counts.forEach((w, c) -> {
            if (c >= minCount) words.add(w);
        });
        words.sort((a, b) -> {
            int c = Integer.compare(counts.get(b), counts.get(a));
            return c != 0 ? c : KaldiIds.C_ORDER.compare(a, b);
        });
        return new WordTokenizer(words);
    }

    @Override
    public int[] encode(String text) {
        String norm = TextNormalizer.normalize(text);
        if (norm.isEmpty()) return new int[0];
        String[] words = norm.split(" ");
        int[] out = new int[words.length];
        for (int i = 0; i < words.length; i++) out[i] = ids.getOrDefault(words[i], 1);
        return out;
    }

    @Override
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            String t = token(id);
            if (id == BLANK) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(t);
        }
        return sb.toString();
    }

    @Override
    public int size() {
        return tokens.size();
    }

    @Override
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) throw new IllegalArgumentException("token id " + id + " outside [0, " + size() + ")");
        return tokens.get(id);
    }

    @Override
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Tokenizers.KEY_TYPE, TYPE);
        m.put(Tokenizers.KEY_NORMALIZER, TextNormalizer.NAME);
        m.put(Tokenizers.KEY_TOKENS, Tokenizers.toJson(tokens));
        return m;
    }

    /** The vocabulary words (ids 2 and up). */
    List<String> words() {
        return tokens.subList(2, tokens.size());
    }
}
