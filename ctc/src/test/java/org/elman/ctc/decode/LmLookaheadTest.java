package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.elman.ctc.lm.ArpaLm;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LmLookaheadTest {
    private static final TokenTable TOKENS = BeamSearchDecoderTest.TOKENS; // <b>=0 |=1 a=2 b=3 c=4
    private static final ArpaLm WORD_LM = BeamSearchDecoderTest.WORD_LM;   // words ab, ba, c
    private static final double LN10 = Math.log(10);

    private static BeamSearchConfig.Builder search(boolean lookahead, double penalty) {
        return BeamSearchDecoder.builder().setTokens(TOKENS).optWordLm(WORD_LM, 0.7, 1.3).optUnknownWordPenalty(penalty)
                .optLmLookahead(lookahead);
    }

    @Test
    void eachTrieNodeHoldsTheBestUnigramOfTheWordsBelowIt() {
        VocabularyTries.Vocabulary v = VocabularyTries.of(WORD_LM, TOKENS);
        TokenTrie trie = v.trie();
        assertEquals(0, v.lookahead()[0], "the root carries nothing");
        assertEquals(-0.5 * LN10, v.lookahead()[trie.child(0, 2)], 1e-6, "a: ab");
        assertEquals(-0.5 * LN10, v.lookahead()[trie.child(trie.child(0, 2), 3)], 1e-6, "ab");
        assertEquals(-1.5 * LN10, v.lookahead()[trie.child(0, 3)], 1e-6, "b: ba");
        assertEquals(-1.0 * LN10, v.lookahead()[trie.child(0, 4)], 1e-6, "c");
        ArpaLm lm = ArpaLm.parse(String.join("\n", "\\data\\", "ngram 1=5", "", "\\1-grams:",
                "-99\t<s>", "-2.0\tab", "-0.7\tabc", "-1.0\tba", "-0.5\t</s>", "", "\\end\\"), "nested.arpa");
        VocabularyTries.Vocabulary n = VocabularyTries.of(lm, TOKENS);
        int ab = n.trie().child(n.trie().child(0, 2), 3);
        assertEquals(-0.7 * LN10, n.lookahead()[ab], 1e-6, "ab can still become the likelier abc");
    }

    @Test
    void completeHypothesesScoreExactlyAsWithoutLookahead() {
        Tensor x = Frames.random(new Random(3), 12, 5, 1.5);
        for (double penalty : new double[] {0, -4}) {
            BeamSearchDecoder d = search(true, penalty).optBeamWidth(20).optNBest(8).build();
            List<Hypothesis> all = d.decode(FrameSource.of(x));
            assertEquals(8, all.size());
            for (Hypothesis h : all) {
                String[] words = h.text().isEmpty() ? new String[0] : h.text().split(" ");
                long unknown = Arrays.stream(words).filter(w -> !List.of("ab", "ba", "c").contains(w)).count();
                double expect = h.acoustic() + 0.7 * WORD_LM.sentenceLogProb(words) + 1.3 * words.length + penalty * unknown;
                assertEquals(expect, h.score(), 1e-6, h.text());
            }
        }
        // with a beam wide enough to prune nothing, both searches find the same n-best list
        Tensor shortX = Frames.random(new Random(5), 5, 5, 1.0);
        List<Hypothesis> on = search(true, -4).optBeamWidth(2000).optNBest(10).build().decode(FrameSource.of(shortX));
        List<Hypothesis> off = search(false, -4).optBeamWidth(2000).optNBest(10).build().decode(FrameSource.of(shortX));
        for (int i = 0; i < 10; i++) {
            assertEquals(off.get(i).text(), on.get(i).text(), "rank " + i);
            assertEquals(off.get(i).score(), on.get(i).score(), 1e-9, "rank " + i);
        }
    }

    @Test
    void aNarrowBeamKeepsTheWordTheLmFavours() {
        ArpaLm lm = ArpaLm.parse(String.join("\n", "\\data\\", "ngram 1=5", "", "\\1-grams:",
                "-99\t<s>", "-0.3\tba", "-3.0\tca", "-0.5\t</s>", "-4.0\t<unk>", "", "\\end\\"), "ba.arpa");
        // c sounds a little likelier than b in the first frame; a is clear in the second
        Tensor x = Frames.scripted(5, new double[][] {{4, 0.45, 3, 0.4}, {2, 0.9}});
        for (double penalty : new double[] {0, -10}) {
            BeamSearchConfig.Builder b = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(1)
                    .optWordLm(lm, 1, 0).optUnknownWordPenalty(penalty);
            BeamSearchDecoder off = b.optLmLookahead(false).build();
            BeamSearchDecoder on = b.optLmLookahead(true).build();
            assertEquals("ca", off.decode(FrameSource.of(x)).get(0).text(), "b left the beam before the LM saw ba");
            assertEquals("ba", on.decode(FrameSource.of(x)).get(0).text());
            assertTrue(on.config().lmVocabulary() != null, "look-ahead builds the trie without the penalty too");
        }
    }

    @Test
    void aWordOutsideTheVocabularyPaysItsUnknownWordScoreWhileSpelled() {
        ArpaLm lm = ArpaLm.parse(String.join("\n", "\\data\\", "ngram 1=4", "", "\\1-grams:",
                "-99\t<s>", "-0.5\tab", "-0.3\t</s>", "-5.0\t<unk>", "", "\\end\\"), "ab.arpa");
        // c (no word starts with it) sounds a little likelier than a; then b
        Tensor x = Frames.scripted(5, new double[][] {{4, 0.5, 2, 0.45}, {3, 0.9}});
        BeamSearchConfig.Builder b = BeamSearchDecoder.builder().setTokens(TOKENS).optBeamWidth(1)
                .optWordLm(lm, 1, 0).optUnknownWordPenalty(0);
        assertEquals("cb", b.optLmLookahead(false).build().decode(FrameSource.of(x)).get(0).text(),
                "without look-ahead nothing is charged before the word ends");
        assertEquals("ab", b.optLmLookahead(true).build().decode(FrameSource.of(x)).get(0).text(),
                "c carries the <unk> unigram from its first letter, a only the unigram of ab");
    }

    @Test
    void chunkingGivesExactlyTheOfflineResult() {
        BeamSearchDecoderTest.assertChunkingInvariant(search(true, -4).optBeamWidth(8).optNBest(4).build(),
                HotWords.of(Map.of("ab c", 0.8, "ba", 0.5), TOKENS));
    }

    @Test
    void settingsAreCheckedAndCopied() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BeamSearchDecoder.builder().setTokens(TOKENS).optLmLookahead(true).build());
        assertTrue(e.getMessage().contains("word LM"), e.getMessage());
        BeamSearchDecoder d = search(true, -4).build();
        assertTrue(d.config().lmLookahead());
        assertTrue(d.config().toBuilder().optBeamWidth(4).build().config().lmLookahead());
        assertTrue(!search(false, -4).build().config().lmLookahead());
        BeamSearchDecoder lexicon = search(true, -4).optLexicon(new Lexicon(List.of("ab", "c"), TOKENS)).build();
        assertEquals(null, lexicon.config().lookaheadScores(), "unused with a lexicon");
        assertEquals(WordLmDefaults.UNKNOWN_WORD_PENALTY, BeamSearchDecoder.builder().setTokens(TOKENS).build().config()
                .unknownWordPenalty(), "the library's default penalty is the CLI's");
    }
}
