package org.elman.ctc.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArpaLmTest {
    static final String TINY = String.join("\n",
            "some header text is ignored",
            "\\data\\",
            "ngram 1=5",
            "ngram 2=3",
            "",
            "\\1-grams:",
            "-1.0\t<s>\t-0.5",
            "-0.7\ta\t-0.3",
            "-0.9\tb\t-0.2",
            "-1.2\t</s>",
            "-2.0\t<unk>",
            "",
            "\\2-grams:",
            "-0.2\t<s> a",
            "-0.4\ta b",
            "-0.1\tb </s>",
            "",
            "\\end\\", "");

    private static final double LN10 = Math.log(10);

    @Test
    void fieldsMaySeparateByAnyRunOfSpacesAndTabs() {
        ArpaLm lm = ArpaLm.parse(TINY.replace("-0.7\ta\t-0.3", "-0.7 \t  a\t\t -0.3").replace("-0.4\ta b", "-0.4   a \t b"), "spaced.arpa");
        ArpaLm plain = ArpaLm.parse(TINY, "tiny.arpa");
        assertArrayEquals(plain.entry("a"), lm.entry("a"));
        assertArrayEquals(plain.entry("a", "b"), lm.entry("a", "b"));
        assertEquals(plain.sentenceLogProb("a", "b"), lm.sentenceLogProb("a", "b"), 0);
    }

    @Test
    void scoresListedNgramsAndBacksOffByHand() {
        ArpaLm lm = ArpaLm.parse(TINY, "tiny.arpa");
        assertEquals(2, lm.order());
        assertArrayEquals(new int[] {5, 3}, lm.counts());
        int s = lm.id("<s>");
        int a = lm.id("a");
        int b = lm.id("b");
        assertEquals(-0.2 * LN10, lm.logProb(new int[] {s}, a), 1e-6);
        // "b" after <s>: not listed, back off from <s> (-0.5) to p(b) (-0.9)
        assertEquals((-0.5 - 0.9) * LN10, lm.logProb(new int[] {s}, b), 1e-6);
        // "a" after "b": back off from b (-0.2) to p(a) (-0.7)
        assertEquals((-0.2 - 0.7) * LN10, lm.logProb(new int[] {b}, a), 1e-6);
        // unknown word scores as <unk>
        assertEquals(-2.0 * LN10, lm.logProb(new int[] {a}, lm.id("zebra")) - (-0.3 * LN10), 1e-6);
        // sentence "a b": p(a|<s>) p(b|a) p(</s>|b)
        assertEquals((-0.2 - 0.4 - 0.1) * LN10, lm.sentenceLogProb("a", "b"), 1e-6);
        assertArrayEquals(new int[] {b}, lm.extend(new int[] {a}, b));
    }

    @Test
    void readsFromFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lm.arpa");
        Files.writeString(f, TINY);
        assertEquals(5, ArpaLm.read(f).vocabularySize());
    }

    @Test
    void readsGzipFilesAndNamesCorruptOnes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lm.arpa.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(TINY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ArpaLm lm = ArpaLm.read(f);
        assertEquals(5, lm.vocabularySize());
        assertEquals((-0.2 - 0.4 - 0.1) * LN10, lm.sentenceLogProb("a", "b"), 1e-6);
        byte[] whole = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.arpa.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        var e = assertThrows(java.io.IOException.class, () -> ArpaLm.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    private static void assertBad(String text, int line, String fragment) {
        LmFormatException e = assertThrows(LmFormatException.class, () -> ArpaLm.parse(text, "bad.arpa"));
        assertEquals("bad.arpa", e.source());
        assertTrue(e.getMessage().startsWith("bad.arpa:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void badFilesNameFileAndLine() {
        assertBad("", 0, "missing \\data\\");
        assertBad("\\data\\\n\\1-grams:\n", 2, "no 'ngram N=count'");
        assertBad(TINY.replace("ngram 2=3", "ngram 2=4"), 13, "announces 4 2-grams but the section has 3");
        assertBad(TINY.replace("-0.9\tb\t-0.2", "-0.x\tb\t-0.2"), 9, "bad log probability '-0.x'");
        assertBad(TINY.replace("-0.9\tb\t-0.2", "0.9\tb\t-0.2"), 9, "bad log probability");
        assertBad(TINY.replace("-0.4\ta b", "-0.4\ta b c d"), 15, "needs 3 or 4 fields");
        assertBad(TINY.replace("-0.4\ta b", "-0.4\ta zz"), 15, "'zz' of a 2-gram is not among the 1-grams");
        assertBad(TINY.replace("\\2-grams:", "\\3-grams:"), 13, "expected \\2-grams:");
        assertBad(TINY.replace("\\end\\", ""), 18, "expected \\end\\ but found end of file");
        assertBad(TINY.replace("ngram 1=5", "ngram 1=five"), 3, "bad number in count line");
        assertBad(TINY.replace("-0.1\tb </s>", "-0.5\ta b"), 16, "duplicate 2-gram '-0.5\ta b'");
        assertBad(TINY.replace("-2.0\t<unk>", "-2.0\ta"), 11, "duplicate 1-gram");
    }
}
