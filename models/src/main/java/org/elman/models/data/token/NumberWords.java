package org.elman.models.data.token;

/** Spells out non-negative integers in English words ("1984" -> "one thousand nine hundred eighty four"). */
final class NumberWords {
    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};
    private static final String[] SCALES = {"", " thousand", " million", " billion", " trillion"};
    /** Numbers with more digits than this are read digit by digit. */
    static final int MAX_DIGITS = 15;

    private NumberWords() {
    }

    /** Cardinal words for a string of ASCII digits; longer than {@link #MAX_DIGITS} digits: one word per digit. */
    static String cardinal(String digits) {
        if (digits.length() > MAX_DIGITS) return digitByDigit(digits);
        long n = Long.parseLong(digits);
        if (n == 0) return SMALL[0];
        StringBuilder sb = new StringBuilder();
        for (int scale = SCALES.length - 1; scale >= 0; scale--) {
            long unit = (long) Math.pow(1000, scale);
            int chunk = (int) (n / unit % 1000);
            if (chunk == 0) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(belowThousand(chunk)).append(SCALES[scale]);
        }
        return sb.toString();
    }

    /** Each digit as its own word: "007" -> "zero zero seven". */
    static String digitByDigit(String digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(SMALL[digits.charAt(i) - '0']);
        }
        return sb.toString();
    }

    /** Ordinal words: "21" -> "twenty first". */
    static String ordinal(String digits) {
        String c = cardinal(digits);
        int sp = c.lastIndexOf(' ');
        return c.substring(0, sp + 1) + ordinalWord(c.substring(sp + 1));
    }

    private static String ordinalWord(String w) {
        return switch (w) {
            case "one" -> "first";
            case "two" -> "second";
            case "three" -> "third";
            case "five" -> "fifth";
            case "eight" -> "eighth";
            case "nine" -> "ninth";
            case "twelve" -> "twelfth";
            default -> w.endsWith("y") ? w.substring(0, w.length() - 1) + "ieth" : w + "th";
        };
    }

    private static String belowThousand(int n) {
        StringBuilder sb = new StringBuilder();
        if (n >= 100) {
            sb.append(SMALL[n / 100]).append(" hundred");
            n %= 100;
            if (n > 0) sb.append(' ');
        }
        if (n >= 20) {
            sb.append(TENS[n / 10]);
            if (n % 10 > 0) sb.append(' ').append(SMALL[n % 10]);
        } else if (n > 0) {
            sb.append(SMALL[n]);
        }
        return sb.toString();
    }
}
