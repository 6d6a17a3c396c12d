package org.elman.models.data.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Saves tokenisers in and restores them from model metadata (string to string, as in a
 * safetensors {@code __metadata__}). Keys: {@value #KEY_TYPE} ({@code char} or {@code word}),
 * {@value #KEY_NORMALIZER} (must be {@value TextNormalizer#NAME}) and {@value #KEY_TOKENS} (a
 * JSON array of every token by id, blank first).
 */
public final class Tokenizers {
    public static final String KEY_TYPE = "tokenizer.type";
    public static final String KEY_NORMALIZER = "tokenizer.normalizer";
    public static final String KEY_TOKENS = "tokenizer.tokens";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokenizers() {
    }

    /** Rebuilds the tokeniser described by {@link Tokenizer#metadata()}. */
    public static Tokenizer fromMetadata(Map<String, String> meta) {
        String type = require(meta, KEY_TYPE);
        String norm = require(meta, KEY_NORMALIZER);
        if (!norm.equals(TextNormalizer.NAME)) {
            throw new IllegalArgumentException("unknown text normaliser '" + norm + "' (this version has "
                    + TextNormalizer.NAME + ")");
        }
        List<String> tokens = fromJson(require(meta, KEY_TOKENS));
        return switch (type) {
            case CharTokenizer.TYPE -> charFrom(tokens);
            case WordTokenizer.TYPE -> wordFrom(tokens);
            default -> throw new IllegalArgumentException("unknown " + KEY_TYPE + " '" + type + "' (expected char or word)");
        };
    }

    private static Tokenizer charFrom(List<String> tokens) {
        if (tokens.size() < 3 || !tokens.get(0).equals("<blank>") || !tokens.get(1).equals(CharTokenizer.SEPARATOR)) {
            throw new IllegalArgumentException(KEY_TOKENS + " for a char tokeniser must start with <blank>, |");
        }
        StringBuilder sb = new StringBuilder();
        for (String t : tokens.subList(2, tokens.size())) {
            if (t.length() != 1) throw new IllegalArgumentException("char token '" + t + "' is not one character");
            sb.append(t);
        }
        return new CharTokenizer(sb.toString());
    }

    private static Tokenizer wordFrom(List<String> tokens) {
        if (tokens.size() < 2 || !tokens.get(0).equals("<blank>") || !tokens.get(1).equals(WordTokenizer.UNK)) {
            throw new IllegalArgumentException(KEY_TOKENS + " for a word tokeniser must start with <blank>, <unk>");
        }
        return new WordTokenizer(tokens.subList(2, tokens.size()));
    }

    private static String require(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) throw new IllegalArgumentException("model metadata has no '" + key + "'");
        return v;
    }

    static String toJson(List<String> tokens) {
        try {
            return JSON.writeValueAsString(tokens);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fromJson(String s) {
        try {
            return JSON.readValue(s, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(KEY_TOKENS + " is not a JSON array of strings: " + e.getOriginalMessage());
        }
    }
}
