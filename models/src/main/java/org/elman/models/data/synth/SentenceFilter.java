package org.elman.models.data.synth;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.elman.models.data.token.TextNormalizer;

/**
 * Splits raw text into sentences and keeps those a synthesiser will read exactly as the
 * transcript says.
 *
 * <p>Splitting: whitespace runs collapse to one space; a sentence ends after {@code . ! ? ;} or
 * {@code :} followed by a space (or the end of the text).
 *
 * <p>A sentence is kept when, after Unicode NFKD without combining marks, straight apostrophes,
 * lower-casing, and removal of double quotes, parentheses and leading/trailing punctuation, it
 * consists only of {@code a-z ' , . ; : ! ? -} and spaces (so no digits, symbols, markup or
 * foreign scripts, whose spoken form would not match the transcript), its normalised transcript
 * has {@link #MIN_WORDS}-{@link #MAX_WORDS} words, and no one-letter word other than "a", "i" or
 * "o" (initials and abbreviations such as "e.g." are read unpredictably).
 */
public final class SentenceFilter {
    public static final int MIN_WORDS = 4;
    public static final int MAX_WORDS = 20;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern DROPPED = Pattern.compile("[\"“”«»()]");
    private static final Pattern ALLOWED = Pattern.compile("[a-z',.;:!?\\- ]+");
    private static final Pattern EDGE_PUNCT = Pattern.compile("^[\\s,.;:!?'\\-]+|[\\s,;:'\\-]+$");
    private static final Pattern WORD = Pattern.compile("[a-z]+(?:'[a-z]+)*");
    private static final Pattern SINGLE_LETTER = Pattern.compile("(?:^| )([b-hj-np-z])(?= |$)");

    private SentenceFilter() {
    }

    /** Splits a paragraph of raw text into candidate sentences (not yet filtered). */
    public static List<String> split(String text) {
        String s = SPACES.matcher(text).replaceAll(" ").strip();
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean end = (c == '.' || c == '!' || c == '?' || c == ';' || c == ':')
                    && (i + 1 == s.length() || s.charAt(i + 1) == ' ');
            if (end) {
                add(out, s.substring(start, i + 1));
                start = i + 1;
            }
        }
        add(out, s.substring(start));
        return out;
    }

    private static void add(List<String> out, String sentence) {
        String t = sentence.strip();
        if (!t.isEmpty()) out.add(t);
    }

    /** The sentence if it passes the filter, from a raw sentence of the given source. */
    public static Optional<Sentence> accept(String source, String raw) {
        return spoken(source, raw).filter(SentenceFilter::rightLength);
    }

    /**
     * The normalised transcript of a raw sentence that passes every rule but the length one and is
     * too short or too long to be spoken for the corpus: text that only a language model learns
     * from (a synthesiser could read it, but utterances that short or long do not make good
     * training audio).
     */
    public static Optional<String> lmOnly(String raw) {
        return spoken("", raw).filter(s -> !rightLength(s)).map(Sentence::transcript);
    }

    private static boolean rightLength(Sentence s) {
        int words = s.words();
        return words >= MIN_WORDS && words <= MAX_WORDS;
    }

    /** The sentence if a synthesiser would read it as its transcript says, whatever its length. */
    private static Optional<Sentence> spoken(String source, String raw) {
        String s = MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKD)).replaceAll("");
        s = s.replace('’', '\'').replace('‘', '\'').replace('`', '\'').toLowerCase(Locale.ROOT);
        s = DROPPED.matcher(s).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ");
        s = EDGE_PUNCT.matcher(s).replaceAll("");
        if (s.isEmpty() || !ALLOWED.matcher(s).matches()) return Optional.empty();
        String transcript = TextNormalizer.normalize(s);
        if (transcript.isEmpty() || SINGLE_LETTER.matcher(transcript).find()) return Optional.empty();
        return Optional.of(new Sentence(source, s, transcript));
    }

    /**
     * One entry of a word list normalised as the sentences are (accents dropped, lower case,
     * straight apostrophes), if it is then a single word that passes the same rules (only
     * {@code a-z} and apostrophes, no one-letter word but "a", "i", "o").
     */
    public static Optional<String> word(String raw) {
        return spoken("", raw).map(Sentence::transcript).filter(t -> t.indexOf(' ') < 0 && WORD.matcher(t).matches());
    }

    /** The transcripts of a paragraph's sentences that pass every rule but the length one. */
    public static List<String> extractAnyLength(String paragraph) {
        List<String> out = new ArrayList<>();
        for (String raw : split(paragraph)) spoken("", raw).ifPresent(s -> out.add(s.transcript()));
        return out;
    }

    /** The {@link #lmOnly} transcripts of a paragraph's sentences. */
    public static List<String> extractLmOnly(String paragraph) {
        List<String> out = new ArrayList<>();
        for (String raw : split(paragraph)) lmOnly(raw).ifPresent(out::add);
        return out;
    }

    /** Splits and filters a paragraph. */
    public static List<Sentence> extract(String source, String paragraph) {
        List<Sentence> out = new ArrayList<>();
        for (String raw : split(paragraph)) accept(source, raw).ifPresent(out::add);
        return out;
    }
}
