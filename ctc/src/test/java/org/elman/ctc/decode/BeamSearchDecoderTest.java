package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.elman.ctc.CtcLoss;
import org.elman.ctc.CtcOptions;
import org.elman.ctc.lm.ArpaLm;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BeamSearchDecoderTest {
    static final TokenTable TOKENS = TokenTable.characters("abc"); // <b>=0 |=1 a=2 b=3 c=4

    static final ArpaLm WORD_LM = ArpaLm.parse(String.join("\n",
            "\\data\\", "ngram 1=6", "ngram 2=3", "",
            "\\1-grams:",
            "-99\t<s>\t-0.3", "-0.5\tab\t-0.2", "-1.5\tba\t-0.1", "-1.0\tc\t-0.2", "-1.3\t</s>", "-3.0\t<unk>", "",
            "\\2-grams:", "-0.1\t<s> ab", "-0.3\tab c", "-0.2\tc </s>", "", "\\end\\"), "words.arpa");

    static final ArpaLm CHAR_LM = ArpaLm.parse(String.join("\n",
            "\\data\\", "ngram 1=6", "ngram 2=2", "",
            "\\1-grams:",
            "-99\t<s>\t-0.2", "-0.6\ta\t-0.3", "-0.7\tb\t-0.1", "-0.9\tc", "-0.8\t|", "-1.0\t</s>", "",
            "\\2-grams:", "-0.2\ta b", "-0.3\t<s> a", "", "\\end\\"), "chars.arpa");

    private static BeamStream stream(BeamSearchDecoder d, Tensor x) {
        BeamStream s = d.newStream();
        d.accept(s, FrameSource.of(x));
        return s;
    }

    private static double probOf(Tensor x, int[] labels) {
        Tensor in = x.view(x.size(0), 1, x.size(1));
        CtcOptions o = CtcOptions.builder().optInput(CtcOptions.Input.LOG_PROBS).optReduction(CtcOptions.Reduction.SUM)
                .optGradients(false).build();
        return -CtcLoss.compute(in, new int[] {x.size(0)}, new int[][] {labels}, new int[] {labels.length}, o).losses()[0];
    }

    @Test
    void wideBeamWithoutLmIsExactAgainstEnumeration() {
        Tensor x = Frames.random(new Random(2), 5, 5, 1.0);
        List<double[]> all = new ArrayList<>();   // {logp, label...}
        enumerate(new int[0], 5, x, all);
        all.sort(Comparator.comparingDouble(a -> -a[0]));
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(1000).optNBest(5).build();
        List<Hypothesis> nBest = d.decode(FrameSource.of(x));
        assertEquals(5, nBest.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(all.get(i)[0], nBest.get(i).score(), 1e-4, "rank " + i);
            int[] expect = Arrays.stream(all.get(i), 1, all.get(i).length).mapToInt(v -> (int) v).toArray();
            assertArrayEquals(expect, nBest.get(i).tokens(), "rank " + i);
        }
    }

    private static void enumerate(int[] prefix, int maxLen, Tensor x, List<double[]> out) {
        double lp = probOf(x, prefix);
        if (lp > Double.NEGATIVE_INFINITY) {
            double[] row = new double[prefix.length + 1];
            row[0] = lp;
            for (int i = 0; i < prefix.length; i++) row[i + 1] = prefix[i];
            out.add(row);
        }
        if (prefix.length == maxLen) return;
        for (int v = 1; v < 5; v++) {
            int[] next = Arrays.copyOf(prefix, prefix.length + 1);
            next[prefix.length] = v;
            enumerate(next, maxLen, x, out);
        }
    }

    @Test
    void unknownWordPenaltyKeepsWordsApartThatTheLmKnows() {
        // the LM knows "ab" and "c" but finds each rarer than an unknown word
        ArpaLm lm = ArpaLm.parse(String.join("\n", "\\data\\", "ngram 1=5", "",
                "\\1-grams:", "-99\t<s>", "-2.0\tab", "-2.0\tc", "-0.5\t</s>", "-2.5\t<unk>", "", "\\end\\"), "rare.arpa");
        // a b, then a weak separator (0.2) against blank (0.5), then c: acoustically "abc" by a factor 3
        Tensor x = Frames.scripted(5, new double[][] {{2, 0.9}, {3, 0.9}, {0, 0.5, 1, 0.2}, {4, 0.9}});
        BeamSearchDecoder plain = BeamSearchDecoder.builder().setTokens(TOKENS).build();
        assertEquals("abc", plain.best(stream(plain, x)).text());
        BeamSearchDecoder off = BeamSearchDecoder.builder().setTokens(TOKENS).optWordLm(lm, 1, 4).optUnknownWordPenalty(0).build();
        assertEquals("abc", off.best(stream(off, x)).text(), "one unknown word is cheaper than two rare ones");
        BeamSearchDecoder on = BeamSearchDecoder.builder().setTokens(TOKENS).optWordLm(lm, 1, 4).build();
        assertEquals("ab c", on.best(stream(on, x)).text());
        assertThrows(IllegalArgumentException.class,
                () -> BeamSearchDecoder.builder().setTokens(TOKENS).optWordLm(lm, 1, 0).optUnknownWordPenalty(1).build());
    }

    @Test
    void vocabularyTrieIsBuiltOncePerLmAndTokenSet() {
        TokenTrie a = BeamSearchDecoder.builder().setTokens(TokenTable.characters("abc")).optWordLm(WORD_LM, 1, 0).build()
                .config().lmVocabulary();
        TokenTrie b = BeamSearchDecoder.builder().setTokens(TokenTable.characters("abc")).optWordLm(WORD_LM, 1, 0).build()
                .config().lmVocabulary();
        TokenTrie other = BeamSearchDecoder.builder().setTokens(TokenTable.characters("cba")).optWordLm(WORD_LM, 1, 0).build()
                .config().lmVocabulary();
        assertTrue(a == b, "equal token tables share one trie");
        assertTrue(a != other, "another token order gets its own trie");
        assertTrue(a.isTerminal(a.child(a.child(0, 2), 3)), "ab is a word of the LM");
        assertEquals(null, BeamSearchDecoder.builder().setTokens(TOKENS).optWordLm(WORD_LM, 1, 0).optUnknownWordPenalty(0)
                .build().config().lmVocabulary(), "no trie without the penalty");
    }

    @Test
    void bestIsTheFirstOfTheResultAfterEveryFrame() {
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(8).optNBest(8)
                .optWordLm(WORD_LM, 0.7, 1.3).optUnknownWordPenalty(-4).build();
        BeamSearchDecoder lex = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(8).optNBest(8)
                .optLexicon(new Lexicon(List.of("ab", "c"), TOKENS)).build();
        for (BeamSearchDecoder dec : List.of(d, lex)) {
            Tensor x = Frames.random(new Random(9), 15, 5, 1.5);
            BeamStream s = dec.newStream();
            for (int t = 0; t < x.size(0); t++) {
                dec.accept(s, FrameSource.of(x).slice(t, 1));
                List<Hypothesis> all = dec.result(s);
                Hypothesis best = dec.best(s);
                if (all.isEmpty()) {
                    assertEquals("", best.text(), "frame " + t);
                    continue;
                }
                assertEquals(all.get(0).text(), best.text(), "frame " + t);
                assertEquals(all.get(0).score(), best.score(), 0, "frame " + t);
                assertEquals(all.get(0).acoustic(), best.acoustic(), 0, "frame " + t);
                assertTrue(Arrays.equals(all.get(0).frames(), best.frames()), "frame " + t);
            }
        }
    }

    @Test
    void toBuilderMakesAVariantAndLeavesTheOriginalAsItWas() {
        BeamSearchConfig.Builder b = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(6).optTokenThreshold(5)
                .optWordLm(WORD_LM, 0.7, 1.3).optUnknownWordPenalty(-4);
        BeamSearchDecoder d = b.build();
        b.optBeamWidth(2).optWordLm(null, 0, 0);   // a builder changed after build() does not reach the decoder
        assertEquals(6, d.config().beamWidth());
        assertTrue(d.config().wordLm() == WORD_LM);
        BeamSearchDecoder wide = d.config().toBuilder().optBeamWidth(20).optNBest(3).build();
        assertEquals(6, d.config().beamWidth());
        assertEquals(1, d.config().nBest());
        BeamSearchConfig w = wide.config();
        assertEquals(20, w.beamWidth());
        assertEquals(3, w.nBest());
        assertEquals(5, w.tokenThreshold());
        assertTrue(w.wordLm() == WORD_LM);
        assertEquals(0.7, w.lmWeight());
        assertEquals(1.3, w.wordBonus());
        assertEquals(-4, w.unknownWordPenalty());
        assertTrue(w.lmVocabulary() == d.config().lmVocabulary());
        Tensor x = Frames.random(new Random(4), 12, 5, 1.5);
        BeamSearchDecoder same = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(20).optNBest(3).optTokenThreshold(5)
                .optWordLm(WORD_LM, 0.7, 1.3).optUnknownWordPenalty(-4).build();
        List<Hypothesis> expect = same.decode(FrameSource.of(x));
        List<Hypothesis> got = wide.decode(FrameSource.of(x));
        assertEquals(expect.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(expect.get(i).text(), got.get(i).text());
            assertEquals(expect.get(i).score(), got.get(i).score(), 1e-12);
        }
    }

    @Test
    void wordLmScoresEveryHypothesisExactlyAndCanFlipTheResult() {
        Tensor x = Frames.random(new Random(3), 12, 5, 1.5);
        double alpha = 0.7;
        double beta = 1.3;
        for (double penalty : new double[] {0, -4}) {
            BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(20).optNBest(8)
                    .optWordLm(WORD_LM, alpha, beta).optUnknownWordPenalty(penalty).build();
            for (Hypothesis h : d.decode(FrameSource.of(x))) {
                String[] words = h.text().isEmpty() ? new String[0] : h.text().split(" ");
                // the acoustic part is the beam's prefix probability (exact only for a wide beam, tested above)
                assertTrue(h.acoustic() <= probOf(x, h.tokens()) + 1e-4, h.text());
                long unknown = java.util.Arrays.stream(words).filter(w -> !List.of("ab", "ba", "c").contains(w)).count();
                double expect = h.acoustic() + alpha * WORD_LM.sentenceLogProb(words) + beta * words.length + penalty * unknown;
                assertEquals(expect, h.score(), 1e-6, h.text());
            }
        }
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(20).optNBest(8)
                .optWordLm(WORD_LM, alpha, beta).build();
        // acoustically "ba" (0.5 vs 0.4 per frame) but the LM prefers "ab"
        Tensor amb = Frames.scripted(5, new double[][] {{3, 0.5, 2, 0.4}, {2, 0.5, 3, 0.4}});
        BeamSearchDecoder plain = BeamSearchDecoder.builder().setTokens(TOKENS).build();
        assertEquals("ba", plain.best(stream(plain, amb)).text());
        assertEquals("ab", d.best(stream(d, amb)).text());
    }

    @Test
    void charLmScoresEveryTokenExactly() {
        Tensor x = Frames.random(new Random(4), 10, 5, 1.5);
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(12).optNBest(6)
                .optCharLm(CHAR_LM, 0.5, 0.25).build();
        for (Hypothesis h : d.decode(FrameSource.of(x))) {
            String[] chars = Arrays.stream(h.tokens()).mapToObj(TOKENS::text).toArray(String[]::new);
            double expect = h.acoustic() + 0.5 * CHAR_LM.sentenceLogProb(chars) + 0.25 * chars.length;
            assertEquals(expect, h.score(), 1e-6, h.text());
        }
    }

    @Test
    void lexiconKeepsOnlyItsWords() {
        Lexicon lex = new Lexicon(List.of("ab", "cab", "c"), TOKENS);
        // acoustically "abc": not a word; with the lexicon the best is made of words
        Tensor x = Frames.scripted(5, new double[][] {{2, 0.8}, {3, 0.8}, {4, 0.6}});
        BeamSearchDecoder free = BeamSearchDecoder.builder().setTokens(TOKENS).build();
        assertEquals("abc", free.best(stream(free, x)).text());
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(16).optNBest(8).optLexicon(lex).build();
        List<Hypothesis> nBest = d.decode(FrameSource.of(Frames.random(new Random(5), 14, 5, 1.0)));
        assertTrue(!nBest.isEmpty());
        Set<String> words = Set.of("ab", "cab", "c");
        for (Hypothesis h : nBest) {
            for (String w : h.text().split(" ")) assertTrue(w.isEmpty() || words.contains(w), h.text());
        }
        String best = d.best(stream(d, x)).text();
        for (String w : best.split(" ")) assertTrue(words.contains(w), best);
    }

    @Test
    void hotWordsBoostPerStreamAndUnfinishedBoostsAreTakenBack() {
        // "ab" slightly more likely than "ac"
        Tensor x = Frames.scripted(5, new double[][] {{2, 0.9}, {3, 0.45, 4, 0.4}});
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).optNBest(3).build();
        assertEquals("ab", d.best(stream(d, x)).text());
        BeamStream s = d.newStream(HotWords.of(Map.of("ac", 1.0), TOKENS));
        d.accept(s, FrameSource.of(x));
        Hypothesis h = d.best(s);
        assertEquals("ac", h.text());
        assertEquals(h.acoustic() + 2.0, h.score(), 1e-9);
        // a phrase that is only started gives nothing in the end
        BeamStream u = d.newStream(HotWords.of(Map.of("acb", 1.0), TOKENS));
        d.accept(u, FrameSource.of(x));
        for (Hypothesis r : d.result(u)) assertEquals(r.acoustic(), r.score(), 1e-9, r.text());
        assertThrows(IllegalArgumentException.class, () -> HotWords.of(Map.of("ax", 1.0), TOKENS));
        assertThrows(IllegalArgumentException.class, () -> HotWords.of(Map.of(" ", 1.0), TOKENS));
    }

    @Test
    void chunkingGivesExactlyTheOfflineResult() {
        BeamSearchDecoder withLms = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(8).optNBest(4)
                .optWordLm(WORD_LM, 0.5, 0.5).optCharLm(CHAR_LM, 0.3, 0.1).build();
        BeamSearchDecoder withLexicon = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(6).optNBest(3)
                .optLexicon(new Lexicon(List.of("ab", "ba", "cab", "c"), TOKENS)).optWordBonus(0.2).build();
        HotWords hot = HotWords.of(Map.of("ab c", 0.8, "ba", 0.5), TOKENS);
        for (BeamSearchDecoder d : List.of(withLms, withLexicon)) assertChunkingInvariant(d, hot);
    }

    static void assertChunkingInvariant(BeamSearchDecoder d, HotWords hot) {
        int frames = 60;
        Tensor x = Frames.random(new Random(6), frames, 5, 1.2);
        BeamStream offline = d.newStream(hot);
        d.accept(offline, FrameSource.of(x));
        List<Hypothesis> expect = d.result(offline);
        assertTrue(!expect.isEmpty());
        Random rng = new Random(7);
        for (int chunk : new int[] {frames, 1, 7, -1}) {
            BeamStream s = d.newStream(hot);
            for (int t = 0; t < frames; ) {
                int n = Math.min(chunk > 0 ? chunk : 1 + rng.nextInt(10), frames - t);
                d.accept(s, FrameSource.of(x).slice(t, n));
                d.result(s); // partial results must not disturb the stream
                t += n;
            }
            List<Hypothesis> got = d.result(s);
            assertEquals(expect.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(expect.get(i).tokens(), got.get(i).tokens(), "chunk " + chunk);
                assertArrayEquals(expect.get(i).frames(), got.get(i).frames(), "chunk " + chunk);
                assertEquals(expect.get(i).score(), got.get(i).score(), 0.0, "chunk " + chunk);
            }
        }
    }

    @Test
    void tokenFramesFollowTheEmissions() {
        Tensor x = Frames.scripted(5, new double[][] {{0, 0.9}, {2, 0.9}, {2, 0.9}, {0, 0.9}, {1, 0.9}, {3, 0.9}});
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).build();
        Hypothesis h = d.best(stream(d, x));
        assertEquals("a b", h.text());
        assertArrayEquals(new int[] {1, 4, 5}, h.frames());
        BeamStream s = d.newStream();
        d.accept(s, FrameSource.of(x).slice(0, 1));
        assertEquals(1, d.trailingBlankFrames(s));
        d.accept(s, FrameSource.of(x).slice(1, 3));
        assertEquals(2, d.trailingBlankFrames(s)); // "a" emitted at frame 1, frames 2 and 3 since
        d.accept(s, FrameSource.of(x).slice(4, 2));
        assertEquals(0, d.trailingBlankFrames(s));
    }

    @Test
    void badConfigurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BeamSearchDecoder.builder().build());
        assertThrows(IllegalArgumentException.class, () -> BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(0).build());
        assertThrows(IllegalArgumentException.class, () -> BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(2).optNBest(3).build());
        TokenTable noSep = new TokenTable(List.of("_", "a", "b"), 0, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BeamSearchDecoder.builder().setTokens(noSep).optWordLm(WORD_LM, 1, 0).build());
        assertTrue(e.getMessage().contains("word-separator"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BeamSearchDecoder.builder()
                .setTokens(TokenTable.characters("abcd")).optCharLm(CHAR_LM, 1, 0).build());
        assertTrue(e.getMessage().contains("[d]"), e.getMessage());
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(TOKENS).build();
        assertThrows(IllegalArgumentException.class, () -> d.decode(FrameSource.of(Tensor.zeros(2, 4))));
        assertEquals("", d.best(d.newStream()).text());
        assertThrows(IllegalArgumentException.class, () -> new Lexicon(List.of(), TOKENS));
        assertThrows(IllegalArgumentException.class, () -> new Lexicon(List.of("abx"), TOKENS));
    }
}
