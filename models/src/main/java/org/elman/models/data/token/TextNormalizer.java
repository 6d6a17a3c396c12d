package org.elman.models.data.token;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The English transcript normalisation shared by the tokenisers and the corpus recipes
 * (metadata name {@value #NAME}). Steps, in order:
 * <ol>
 *   <li>Unicode NFKD, then combining marks are dropped ("café" -> "cafe", "ﬁ" -> "fi").</li>
 *   <li>Lower case (locale-independent).</li>
 *   <li>Apostrophe look-alikes ({@code ’ ‘ ` ´ ′}) become {@code '}.</li>
 *   <li>Numbers are spelled out: digit runs, with optional thousands commas ("1,000"), become
 *       cardinal words without "and" ("1984" -> "one thousand nine hundred eighty four"); a
 *       following st/nd/rd/th makes an ordinal ("21st" -> "twenty first"); a decimal point
 *       between digits reads "point" then digit by digit ("3.14" -> "three point one four");
 *       runs longer than 15 digits are read digit by digit.</li>
 *   <li>{@code &} becomes " and ", {@code %} becomes " percent ".</li>
 *   <li>Every character other than {@code a-z} and {@code '} becomes a space (punctuation,
 *       hyphens, other scripts).</li>
 *   <li>An apostrophe is kept only between two letters ("don't", "o'er"); others are removed
 *       ("'em" -> "em", "dogs'" -> "dogs", quotes vanish).</li>
 *   <li>Runs of spaces collapse to one; leading and trailing spaces are removed.</li>
 * </ol>
 * The result contains only {@code a-z}, {@code '} and single spaces.
 */
public final class TextNormalizer {
    /** Name recorded in model metadata. */
    public static final String NAME = "elman-en-v1";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NUMBER =
            Pattern.compile("(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(st|nd|rd|th)?");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z']+");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<![a-z])'|'(?![a-z])");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private TextNormalizer() {
    }

    /** Normalises one transcript as described in the class comment. */
    public static String normalize(String text) {
        String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        s = s.replace('’', '\'').replace('‘', '\'').replace('`', '\'').replace('´', '\'').replace('′', '\'');
        s = spellNumbers(s);
        s = s.replace("&", " and ").replace("%", " percent ");
        s = NOT_ALLOWED.matcher(s).replaceAll(" ");
        s = LONE_APOSTROPHE.matcher(s).replaceAll(" ");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    private static String spellNumbers(String s) {
        Matcher m = NUMBER.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String digits = m.group(1).replace(",", "");
            String words = m.group(3) != null && m.group(2) == null
                    ? NumberWords.ordinal(digits) : NumberWords.cardinal(digits);
            if (m.group(2) != null) {
                words += " point " + NumberWords.digitByDigit(m.group(2));
                if (m.group(3) != null) words += " " + m.group(3);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(" " + words + " "));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
