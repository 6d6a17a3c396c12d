package org.elman.models.text;

import java.util.Arrays;
import java.util.TreeSet;

/** The characters of a text, each with an index in {@code [0, size())}, in code-point order. */
public final class CharVocabulary {
    private final char[] chars;

    private CharVocabulary(char[] chars) {
        this.chars = chars;
    }

    /** Every distinct character of the text. */
    public static CharVocabulary of(CharSequence text) {
        if (text.length() == 0) throw new IllegalArgumentException("cannot build a vocabulary from empty text");
        TreeSet<Character> set = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) set.add(text.charAt(i));
        char[] c = new char[set.size()];
        int k = 0;
        for (char ch : set) c[k++] = ch;
        return new CharVocabulary(c);
    }

    /** A vocabulary of exactly these characters, in this order. */
    public static CharVocabulary ofChars(String chars) {
        return new CharVocabulary(chars.toCharArray());
    }

    public int size() {
        return chars.length;
    }

    public char charAt(int index) {
        return chars[index];
    }

    /** The index of a character; an error names characters outside the vocabulary. */
    public int indexOf(char c) {
        for (int i = 0; i < chars.length; i++) if (chars[i] == c) return i;
        throw new IllegalArgumentException("character '" + c + "' (U+" + Integer.toHexString(c) + ") is not in the vocabulary");
    }

    public int[] encode(CharSequence text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) out[i] = indexOf(text.charAt(i));
        return out;
    }

    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length);
        for (int i : indices) sb.append(chars[i]);
        return sb.toString();
    }

    /** The characters in index order. */
    public String chars() {
        return new String(chars);
    }

    @Override
    public String toString() {
        return "CharVocabulary" + Arrays.toString(chars);
    }
}
