package org.elman.ctc.score;

import java.util.Locale;

/**
 * Text clean-up applied to reference and hypothesis before scoring: optional lower-casing and
 * punctuation removal (Unicode punctuation classes; apostrophes inside words are kept), then
 * whitespace collapsed to single spaces and trimmed.
 */
public final class TextNormalizer {
    private final boolean lowercase;
    private final boolean stripPunctuation;

    private TextNormalizer(boolean lowercase, boolean stripPunctuation) {
        this.lowercase = lowercase;
        this.stripPunctuation = stripPunctuation;
    }

    /** Only whitespace is normalised. */
    public static TextNormalizer none() {
        return new TextNormalizer(false, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String apply(String text) {
        if (text == null) throw new IllegalArgumentException("text to normalise must not be null");
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        if (stripPunctuation) s = stripPunctuation(s);
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String stripPunctuation(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean apostropheInWord = c == '\'' && i > 0 && i + 1 < s.length()
                    && Character.isLetterOrDigit(s.charAt(i - 1)) && Character.isLetterOrDigit(s.charAt(i + 1));
            if (isPunctuation(c) && !apostropheInWord) sb.append(' ');
            else sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isPunctuation(char c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    public static final class Builder {
        private boolean lowercase;
        private boolean stripPunctuation;

        private Builder() {}

        public Builder optLowercase(boolean on) {
            this.lowercase = on;
            return this;
        }

        public Builder optStripPunctuation(boolean on) {
            this.stripPunctuation = on;
            return this;
        }

        public TextNormalizer build() {
            return new TextNormalizer(lowercase, stripPunctuation);
        }
    }
}
