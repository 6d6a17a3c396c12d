package org.elman.ctc.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgramLmBuilderTest {
    static final List<String> CORPUS = List.of("c", "c b", "c", "b a", "a a", "c a a");

    private static double p(ArpaLm lm, String word, String... history) {
        int[] h = new int[history.length];
        for (int i = 0; i < h.length; i++) h[i] = lm.id(history[i]);
        return Math.exp(lm.logProb(h, lm.id(word)));
    }

    @Test
    void bigramProbabilitiesMatchAHandComputation() {
        ArpaLm lm = ArpaLm.parse(NgramLmBuilder.builder().setOrder(2).build().buildArpa(CORPUS), "kn2");
        // bigram counts: <s> c 4, a </s> 3, c </s> 2, a a 2, and 1 each for c b, b </s>, <s> b, b a, <s> a, c a
        // count-of-counts t1..t4 = 6, 2, 1, 1 -> Y = 0.6, D1 = 1 - 2Y(2/6) = 0.6, D2 = 2 - 3Y(1/2) = 1.1, D3+ = 3 - 4Y = 0.6
        double d1 = 0.6, d2 = 1.1, d3 = 0.6;
        // unigram continuation counts: c 1 {<s>}, b 2 {c,<s>}, a 4 {b,<s>,a,c}, </s> 3 {c,b,a}, <unk> 0; total 10
        // count-of-counts 1,1,1,1 -> Y = 1/3, D1 = 1/3, D2 = 1, D3+ = 5/3; |V| = 5
        double u1 = 1 / 3.0, u2 = 1.0, u3 = 5 / 3.0;
        double gamma0 = (u1 * 1 + u2 * 1 + u3 * 2) / 10;
        double pa = (4 - u3) / 10 + gamma0 / 5;
        double pb = (2 - u2) / 10 + gamma0 / 5;
        double pc = (1 - u1) / 10 + gamma0 / 5;
        double peos = (3 - u3) / 10 + gamma0 / 5;
        assertEquals(pa, p(lm, "a"), 1e-6);
        assertEquals(pc, p(lm, "c"), 1e-6);
        assertEquals(gamma0 / 5, p(lm, "<unk>"), 1e-6);
        assertEquals(gamma0 / 5, p(lm, "never-seen"), 1e-6);
        // context c: c </s> 2, c b 1, c a 1 -> total 4, N1 = 2, N2 = 1
        double gammaC = (d1 * 2 + d2 * 1) / 4;
        assertEquals((1 - d1) / 4 + gammaC * pa, p(lm, "a", "c"), 1e-6);
        assertEquals((2 - d2) / 4 + gammaC * peos, p(lm, "</s>", "c"), 1e-6);
        // context <s>: <s> c 4, <s> b 1, <s> a 1 -> total 6, N1 = 2, N3+ = 1
        double gammaS = (d1 * 2 + d3 * 1) / 6;
        assertEquals((4 - d3) / 6 + gammaS * pc, p(lm, "c", "<s>"), 1e-6);
        // unseen bigram a b: back-off of a (a </s> 3, a a 2 -> N2 = 1, N3+ = 1, total 5) times p(b)
        assertEquals((d2 + d3) / 5 * pb, p(lm, "b", "a"), 1e-6);
        assertEquals(-99.0, lm.entry("<s>")[0], 0.0);
    }

    private static List<String> randomCorpus(int lines, long seed) {
        Random rng = new Random(seed);
        String[] words = {"the", "cat", "sat", "on", "mat", "a", "dog", "ran"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rng.nextInt(6);
            for (int j = 0; j < n; j++) sb.append(j > 0 ? " " : "").append(words[rng.nextInt(j == 0 ? 3 : words.length)]);
            out.add(sb.toString());
        }
        return out;
    }

    /** Sum of p(w | history) over the vocabulary (without <s>). */
    private static double total(ArpaLm lm, String... history) {
        double s = 0;
        for (String w : lm.words()) if (!w.equals("<s>")) s += p(lm, w, history);
        return s;
    }

    @Test
    void everyOrderLoadsBackAndSumsToOne() {
        List<String> corpus = randomCorpus(60, 1);
        for (int order = 1; order <= 5; order++) {
            for (boolean prune : new boolean[] {false, true}) {
                ArpaLm lm = ArpaLm.parse(NgramLmBuilder.builder().setOrder(order).optPruneSingletons(prune).build()
                        .buildArpa(corpus), "o" + order);
                assertEquals(order, lm.order());
                String tag = "order " + order + " prune " + prune;
                assertEquals(1.0, total(lm), 1e-5, tag);
                assertEquals(1.0, total(lm, "<s>"), 1e-5, tag);
                assertEquals(1.0, total(lm, "<s>", "the"), 1e-5, tag);
                assertEquals(1.0, total(lm, "the", "cat", "sat"), 1e-5, tag);
                assertEquals(1.0, total(lm, "dog", "dog"), 1e-5, tag);
            }
        }
    }

    @Test
    void vocabularyWordsJoinWithCountZeroAndTheModelStillSumsToOne() {
        // as the hand computation above with |V| = 7: "d" and "e" added, "a" already in the text
        ArpaLm lm = ArpaLm.parse(NgramLmBuilder.builder().setOrder(2).optVocabulary(List.of("d", "a", "e", "d")).build()
                .buildArpa(CORPUS), "vocab");
        double u1 = 1 / 3.0;
        double u2 = 1.0;
        double u3 = 5 / 3.0;
        double gamma0 = (u1 * 1 + u2 * 1 + u3 * 2) / 10;
        assertEquals(8, lm.counts()[0]); // a b c </s> <s> <unk> d e
        assertEquals(gamma0 / 7, p(lm, "d"), 1e-6);
        assertEquals(gamma0 / 7, p(lm, "e"), 1e-6);
        assertEquals(gamma0 / 7, p(lm, "<unk>"), 1e-6);
        assertEquals((4 - u3) / 10 + gamma0 / 7, p(lm, "a"), 1e-6);
        assertEquals(1.0, total(lm), 1e-6);
        assertEquals(1.0, total(lm, "c"), 1e-6);
        assertEquals(1.0, total(lm, "d"), 1e-6); // a vocabulary word as history backs off to unigrams
        List<String> corpus = randomCorpus(60, 4);
        ArpaLm tri = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).optPrune(0, 0, 1).optVocabulary(List.of("zebra", "cat"))
                .build().buildArpa(corpus), "tri");
        assertEquals(1.0, total(tri, "<s>", "the"), 1e-5);
        assertEquals(1.0, total(tri, "the", "cat"), 1e-5);
        assertTrue(tri.entry("zebra") != null);
    }

    @Test
    void badVocabularyWordsAreRejectedWithTheReason() {
        String spaced = assertThrows(IllegalArgumentException.class,
                () -> NgramLmBuilder.builder().optVocabulary(List.of("ok", "two words"))).getMessage();
        assertTrue(spaced.contains("vocabulary word 2") && spaced.contains("two words"), spaced);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NgramLmBuilder.builder().optVocabulary(List.of(""))).getMessage().contains("not a single token"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NgramLmBuilder.builder().optVocabulary(List.of("</s>"))).getMessage().contains("reserved word </s>"));
    }

    @Test
    void pruningDropsSingletons() {
        List<String> corpus = randomCorpus(60, 2);
        ArpaLm full = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).build().buildArpa(corpus), "full");
        ArpaLm pruned = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).optPruneSingletons(true).build().buildArpa(corpus), "pruned");
        assertTrue(pruned.counts()[2] < full.counts()[2]);
        assertEquals(full.counts()[0], pruned.counts()[0]);
        ArpaLm tiny = ArpaLm.parse(NgramLmBuilder.builder().setOrder(2).optPruneSingletons(true).build().buildArpa(CORPUS), "t");
        assertNull(tiny.entry("c", "b"));           // seen once
        assertTrue(tiny.entry("<s>", "c") != null);  // seen 4 times
    }

    @Test
    void perOrderThresholdsPruneOnlyTheirOrderAndStillSumToOne() {
        List<String> corpus = randomCorpus(80, 3);
        ArpaLm full = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).build().buildArpa(corpus), "full");
        ArpaLm singletons = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).optPruneSingletons(true).build().buildArpa(corpus), "s");
        ArpaLm same = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).optPrune(0, 1).build().buildArpa(corpus), "0,1");
        assertEquals(NgramLmBuilder.builder().setOrder(3).optPruneSingletons(true).build().buildArpa(corpus),
                NgramLmBuilder.builder().setOrder(3).optPrune(0, 1, 1).build().buildArpa(corpus));
        assertArrayEquals(singletons.counts(), same.counts());
        ArpaLm trigrams = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).optPrune(0, 0, 1).build().buildArpa(corpus), "0,0,1");
        assertEquals(full.counts()[1], trigrams.counts()[1]);       // every bigram kept
        assertTrue(trigrams.counts()[2] < full.counts()[2]);        // singleton trigrams gone
        assertEquals(singletons.counts()[2], trigrams.counts()[2]);
        ArpaLm harder = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).optPrune(0, 0, 2).build().buildArpa(corpus), "0,0,2");
        assertTrue(harder.counts()[2] < trigrams.counts()[2]);
        for (ArpaLm lm : List.of(trigrams, harder)) {
            assertEquals(1.0, total(lm, "<s>", "the"), 1e-5);
            assertEquals(1.0, total(lm, "the", "cat", "sat"), 1e-5);
            assertEquals(1.0, total(lm, "dog", "dog"), 1e-5);
        }
    }

    @Test
    void badThresholdsAreRejectedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().optPrune(1, 1).build(), "unigrams");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().optPrune(0, 2, 1).build())
                .getMessage().contains("decrease"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().setOrder(2).optPrune(0, 1, 1).build())
                .getMessage().contains("order 2"));
        assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().optPrune(0, -1).build());
        assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().optPrune().build());
        assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().optPruneSingletons(true).optPrune(0, 1).build());
    }

    @Test
    void fileRoundTripAndErrors(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("corpus.txt");
        Files.write(text, CORPUS);
        Path arpa = dir.resolve("lm.arpa");
        NgramLmBuilder.builder().setOrder(3).build().build(text, arpa);
        assertEquals(3, ArpaLm.read(arpa).order());
        assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().setOrder(6).build());
        assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().setOrder(0).build());
        assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().build().buildArpa(List.of(" ", "")));
        assertThrows(IllegalArgumentException.class, () -> NgramLmBuilder.builder().build().buildArpa(List.of("a </s> b")));
    }
}
