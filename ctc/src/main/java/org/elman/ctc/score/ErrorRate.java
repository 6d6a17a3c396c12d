package org.elman.ctc.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Word and character error rates. Texts are normalised, then split into words (on spaces) or
 * characters (spaces kept as units unless {@code ignoreSpaces}), then aligned by
 * {@link EditAlignment}. For a corpus, sum the counts with {@link Totals} (the corpus rate is
 * total errors over total reference units, not the mean of per-utterance rates).
 *
 * <pre>{@code
 * EditAlignment a = ErrorRate.wer("The cat sat.", "the cat sat on", normalizer);
 * a.errorRate();   // 1/3 with lower-casing and punctuation removal
 * }</pre>
 */
public final class ErrorRate {
    private ErrorRate() {}

    public static EditAlignment wer(String reference, String hypothesis, TextNormalizer normalizer) {
        return EditAlignment.of(words(normalizer.apply(reference)), words(normalizer.apply(hypothesis)));
    }

    public static EditAlignment cer(String reference, String hypothesis, TextNormalizer normalizer, boolean ignoreSpaces) {
        return EditAlignment.of(chars(normalizer.apply(reference), ignoreSpaces), chars(normalizer.apply(hypothesis), ignoreSpaces));
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    private static List<String> chars(String s, boolean ignoreSpaces) {
        List<String> out = new ArrayList<>();
        s.codePoints().forEach(c -> {
            if (!(ignoreSpaces && c == ' ')) out.add(new String(Character.toChars(c)));
        });
        return out;
    }

    /** Counts summed over many utterances. */
    public static final class Totals {
        private long substitutions;
        private long deletions;
        private long insertions;
        private long referenceUnits;

        public void add(EditAlignment a) {
            substitutions += a.substitutions();
            deletions += a.deletions();
            insertions += a.insertions();
            referenceUnits += a.referenceLength();
        }

        public long substitutions() { return substitutions; }
        public long deletions() { return deletions; }
        public long insertions() { return insertions; }
        public long referenceUnits() { return referenceUnits; }

        public double errorRate() {
            long errors = substitutions + deletions + insertions;
            if (referenceUnits == 0) return errors == 0 ? 0.0 : Double.POSITIVE_INFINITY;
            return errors / (double) referenceUnits;
        }
    }
}
