package org.elman.ctc.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The output symbols of a CTC model: token text per index, the blank index and the optional
 * word-separator token (for example {@code "|"} or {@code " "}), which becomes a space in text and
 * marks word boundaries for the word language model.
 */
public final class TokenTable {
    private final String[] tokens;
    private final int blank;
    private final int separator;
    private final Map<String, Integer> index = new HashMap<>();
    private final int longest;

    /**
     * @param tokens    token text per index (V entries, the blank included; its text is never printed)
     * @param blank     blank index
     * @param separator word-separator index, or -1 when there is none
     */
    public TokenTable(List<String> tokens, int blank, int separator) {
        if (tokens == null || tokens.isEmpty()) throw new IllegalArgumentException("token table is empty");
        this.tokens = tokens.toArray(new String[0]);
        if (blank < 0 || blank >= this.tokens.length) throw new IllegalArgumentException("blank index " + blank + " outside [0, " + this.tokens.length + ")");
        if (separator >= this.tokens.length || separator == blank || separator < -1) {
            throw new IllegalArgumentException("bad word-separator index " + separator + " (blank " + blank + ", size " + this.tokens.length + ")");
        }
        this.blank = blank;
        this.separator = separator;
        int max = 0;
        for (int i = 0; i < this.tokens.length; i++) {
            String t = this.tokens[i];
            if (t == null || t.isEmpty()) throw new IllegalArgumentException("token " + i + " has no text");
            if (i != blank && index.put(t, i) != null) throw new IllegalArgumentException("token '" + t + "' appears twice");
            max = Math.max(max, t.length());
        }
        this.longest = max;
    }

    /** Characters as tokens: blank {@code "<b>"} at 0, then {@code "|"} as separator, then each character of {@code chars}. */
    public static TokenTable characters(String chars) {
        List<String> t = new ArrayList<>();
        t.add("<b>");
        t.add("|");
        chars.codePoints().forEach(c -> t.add(new String(Character.toChars(c))));
        return new TokenTable(t, 0, 1);
    }

    public int size() {
        return tokens.length;
    }

    public int blank() {
        return blank;
    }

    /** The word-separator index, -1 when there is none. */
    public int separator() {
        return separator;
    }

    public String text(int token) {
        return tokens[token];
    }

    /** Index of a token's text, -1 when unknown. */
    public int id(String text) {
        Integer i = index.get(text);
        return i == null ? -1 : i;
    }

    /** Text of a token sequence: separators become single spaces, leading/trailing ones are dropped. */
    public String join(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == blank) continue;
            if (id == separator) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') sb.append(' ');
            } else {
                sb.append(tokens[id]);
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        return sb.substring(0, end);
    }

    /** {@link #encode} of one word, or null when it has a space or a character no token covers. */
    int[] tryEncode(String word) {
        if (word.indexOf(' ') >= 0) return null;
        try {
            return encode(word);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Tokens of a text by greedy longest match; spaces become the separator (or are rejected when
     * there is none). Unknown characters raise an error naming them and their position.
     */
    public int[] encode(String text) {
        int[] out = new int[text.length()];
        int n = 0;
        int at = 0;
        while (at < text.length()) {
            if (text.charAt(at) == ' ') {
                if (separator < 0) throw new IllegalArgumentException("'" + text + "' has a space but the token table has no word separator");
                if (n > 0 && out[n - 1] != separator) out[n++] = separator;
                at++;
                continue;
            }
            int found = -1;
            int len = Math.min(longest, text.length() - at);
            while (len > 0 && (found = id(text.substring(at, at + len))) < 0) len--;
            if (found < 0) throw new IllegalArgumentException("'" + text + "': no token for '" + text.charAt(at) + "' at position " + at);
            out[n++] = found;
            at += len;
        }
        while (n > 0 && out[n - 1] == separator) n--;
        return Arrays.copyOf(out, n);
    }
}
