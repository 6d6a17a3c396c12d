package org.elman.ctc.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.elman.ctc.score.EditAlignment.Op;
import org.elman.ctc.score.EditAlignment.Pair;
import org.junit.jupiter.api.Test;

class ErrorRateTest {
    private static final TextNormalizer CLEAN = TextNormalizer.builder().optLowercase(true).optStripPunctuation(true).build();

    @Test
    void werCountsAndPairs() {
        // ref: the cat sat on the mat / hyp: the bat sat the mat today
        EditAlignment a = ErrorRate.wer("the cat sat on the mat", "the bat sat the mat today", TextNormalizer.none());
        assertEquals(1, a.substitutions());
        assertEquals(1, a.deletions());
        assertEquals(1, a.insertions());
        assertEquals(4, a.hits());
        assertEquals(6, a.referenceLength());
        assertEquals(0.5, a.errorRate(), 1e-12);
        assertEquals(List.of(new Pair(Op.MATCH, "the", "the"), new Pair(Op.SUBSTITUTION, "cat", "bat"),
                new Pair(Op.MATCH, "sat", "sat"), new Pair(Op.DELETION, "on", null), new Pair(Op.MATCH, "the", "the"),
                new Pair(Op.MATCH, "mat", "mat"), new Pair(Op.INSERTION, null, "today")), a.pairs());
    }

    @Test
    void normalisationOptions() {
        assertEquals(1.0, ErrorRate.wer("The cat, sat.", "the cat sat", TextNormalizer.none()).errorRate(), 1e-12); // case and punctuation differ in every word
        assertEquals(0.0, ErrorRate.wer("The  cat, sat.", "the cat sat", CLEAN).errorRate(), 1e-12);
        assertEquals("don't stop", CLEAN.apply("Don't -- stop!"));
        assertEquals("a b", TextNormalizer.builder().optStripPunctuation(true).build().apply("a.b"));
        assertThrows(IllegalArgumentException.class, () -> CLEAN.apply(null));
    }

    @Test
    void cerWithAndWithoutSpaces() {
        EditAlignment a = ErrorRate.cer("ab cd", "abd", TextNormalizer.none(), false);
        assertEquals(5, a.referenceLength());
        assertEquals(2, a.deletions() + a.substitutions());
        assertEquals(2 / 5.0, a.errorRate(), 1e-12);
        EditAlignment b = ErrorRate.cer("ab cd", "abd", TextNormalizer.none(), true);
        assertEquals(4, b.referenceLength());
        assertEquals(1 / 4.0, b.errorRate(), 1e-12);
    }

    @Test
    void emptyTextsAndCorpusTotals() {
        assertEquals(0.0, ErrorRate.wer("", "", CLEAN).errorRate());
        assertEquals(Double.POSITIVE_INFINITY, ErrorRate.wer("", "x", CLEAN).errorRate());
        assertEquals(1.0, ErrorRate.wer("a b", "", CLEAN).errorRate());
        ErrorRate.Totals t = new ErrorRate.Totals();
        t.add(ErrorRate.wer("a b c d", "a b c d", CLEAN));
        t.add(ErrorRate.wer("e f", "e", CLEAN));
        assertEquals(6, t.referenceUnits());
        assertEquals(1, t.deletions());
        assertEquals(1 / 6.0, t.errorRate(), 1e-12);
    }
}
