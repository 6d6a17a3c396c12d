package org.elman.models.data.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Character tokeniser. Ids: 0 blank, 1 the word separator {@value #SEPARATOR} (stands for a
 * space), then one id per symbol character in the order given. The default English alphabet is
 * {@code a-z} then {@code '} (29 ids in all).
 *
 * <p>Text is normalised with {@link TextNormalizer} first. Characters that survive normalisation
 * but are not in the alphabet (only possible with a custom, smaller alphabet) are dropped, and a
 * word left empty by that disappears with its separator. {@link #decode} maps the separator back
 * to a space and drops leading, trailing and repeated separators.
 */
public final class CharTokenizer implements Tokenizer {
    /** The token that stands for a space between words. */
    public static final String SEPARATOR = "|";
    /** The default symbols after blank and separator. */
    public static final String ENGLISH = "abcdefghijklmnopqrstuvwxyz'";
    static final String TYPE = "char";

    private final String symbols;
    private final Map<Character, Integer> ids = new HashMap<>();

    /** A tokeniser over the given symbol characters (no duplicates, no space, no {@code |}). */
    public CharTokenizer(String symbols) {
        if (symbols.isEmpty()) throw new IllegalArgumentException("symbol alphabet is empty");
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            if (Character.isWhitespace(c) || c == '|') {
                throw new IllegalArgumentException("symbol '" + c + "' at " + i + " is reserved (space or separator)");
            }
            if (ids.put(c, i + 2) != null) throw new IllegalArgumentException("symbol '" + c + "' appears twice");
        }
        this.symbols = symbols;
    }

    /** The default English alphabet: a-z and apostrophe. */
    public static CharTokenizer english() {
        return new CharTokenizer(ENGLISH);
    }

    @Override
    public int[] encode(String text) {
        String norm = TextNormalizer.normalize(text);
        int[] out = new int[norm.length()];
        int n = 0;
        for (int i = 0; i < norm.length(); i++) {
            char c = norm.charAt(i);
            if (c == ' ') {
                if (n > 0 && out[n - 1] != 1) out[n++] = 1;
            } else {
                Integer id = ids.get(c);
                if (id != null) out[n++] = id;
            }
        }
        if (n > 0 && out[n - 1] == 1) n--;
        return Arrays.copyOf(out, n);
    }

    @Override
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            checkId(id);
            if (id == BLANK) continue;
            if (id == 1) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') sb.append(' ');
            } else {
                sb.append(symbols.charAt(id - 2));
            }
        }
        return sb.toString().strip();
    }

    @Override
    public int size() {
        return symbols.length() + 2;
    }

    @Override
    public String token(int id) {
        checkId(id);
        return id == BLANK ? "<blank>" : id == 1 ? SEPARATOR : String.valueOf(symbols.charAt(id - 2));
    }

    /** The symbol characters (ids 2 and up). */
    public String symbols() {
        return symbols;
    }

    @Override
    public Map<String, String> metadata() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < size(); i++) tokens.add(token(i));
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Tokenizers.KEY_TYPE, TYPE);
        m.put(Tokenizers.KEY_NORMALIZER, TextNormalizer.NAME);
        m.put(Tokenizers.KEY_TOKENS, Tokenizers.toJson(tokens));
        return m;
    }

    private void checkId(int id) {
        if (id < 0 || id >= size()) throw new IllegalArgumentException("token id " + id + " outside [0, " + size() + ")");
    }
}
