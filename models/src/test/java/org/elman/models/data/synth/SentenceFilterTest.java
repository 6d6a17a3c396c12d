package org.elman.models.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SentenceFilterTest {
    static Reader resource(String name) {
        InputStream in = SentenceFilterTest.class.getResourceAsStream("/data/" + name);
        if (in == null) throw new IllegalStateException("missing test resource " + name);
        return TextSources.reader(in);
    }

    private static List<String> transcripts(String source, List<String> paragraphs) {
        return CorpusSources.extract(source, paragraphs).stream().map(Sentence::transcript).toList();
    }

    @Test
    void splitsAtSentencePunctuationFollowedBySpace() {
        assertEquals(List.of("One two.", "Three four!", "Five;", "six:", "seven?", "e.g.x end"),
                SentenceFilter.split("One  two. Three\nfour! Five; six: seven? e.g.x end"));
    }

    @Test
    void keepsSpeakablePunctuationAndNormalisesTranscript() {
        Sentence s = SentenceFilter.accept("t", "\"Hello there,\" she said to him.").orElseThrow();
        assertEquals("hello there, she said to him.", s.speakable());
        assertEquals("hello there she said to him", s.transcript());
        assertEquals(6, s.words());
        assertEquals("cafe au lait is nice", SentenceFilter.accept("t", "Café au lait is nice").orElseThrow().speakable());
    }

    @Test
    void rejectsWhatASynthesiserWouldNotReadAsWritten() {
        for (String bad : new String[] {"Call 555-1234 now and save", "Tom & Jerry are here now", "see the [a] mark here",
            "Use it, e.g., for this task", "Mr. J. Smith went to town", "a {b} c d e", "too short here",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                + "seventeen eighteen nineteen twenty twentyone"}) {
            assertEquals(Optional.empty(), SentenceFilter.accept("t", bad), bad);
        }
        assertTrue(SentenceFilter.accept("t", "O death, where is thy sting?").isPresent());
        assertTrue(SentenceFilter.accept("t", "I know a bank where").isPresent());
    }

    @Test
    void fortunesDropAttributionsAndNumbers() throws IOException {
        List<String> entries = TextSources.fortunes(resource("fortunes-snippet"));
        assertEquals(4, entries.size());
        assertEquals(List.of("the early bird gets the worm but the second mouse gets the cheese",
                "never trust a computer you cannot lift out of a window",
                "why did the chicken cross the road", "to get to the other side of course"),
                transcripts("fortunes", entries));
    }

    @Test
    void bibleVersesLoseTheirNumbers() throws IOException {
        List<String> verses = TextSources.bibleVerses(resource("bible-snippet.txt"));
        assertEquals(3, verses.size());
        assertEquals("In the beginning the writer made a small test file.", verses.get(0));
        assertEquals(List.of("in the beginning the writer made a small test file", "and the file was short",
                "and it held only a few verses", "and the tests read it", "and it was good", "and there was light"),
                transcripts("bible-kjv", verses));
    }

    @Test
    void wordnetExamplesAreTheQuotedGlossStrings() throws IOException {
        List<String> ex = TextSources.wordnetExamples(resource("wordnet-snippet"));
        assertEquals(List.of("the tree was an abstraction of the forest", "he wrote in 1984",
                "she bought a thing for the house"), ex);
        assertEquals(List.of("the tree was an abstraction of the forest", "she bought a thing for the house"),
                transcripts("wordnet", ex));
    }

    @Test
    void gcideQuotationsSkipPronunciationAndMarkup() throws IOException {
        List<String> q = TextSources.gcideQuotations(resource("gcide-snippet"));
        assertEquals(List.of("the old lantern hung by the open door",
                "the lamp burned low in the quiet hall and no one came to tend it"), transcripts("gcide", q));
    }

    @Test
    void devilHeadwordsAreRemoved() throws IOException {
        List<String> p = TextSources.devilParagraphs(resource("devil-snippet"));
        assertEquals(List.of("not present when the test file was read", "much missed by the parser",
                "a person who talks when you wish him to listen"), transcripts("devil", p));
    }

    @Test
    void wordListEntriesAreNormalisedLikeSentencesAndDeduplicated() throws IOException {
        String list = String.join("\n", "A", "Aaron's", "Polish", "polish", "\u00e9clair", "B", "co-op", "O'Neill",
                "x-ray", "it\u2019s", "", "don'", "42nd", "the end");
        // as in sentences, an edge apostrophe goes ("don'" -> "don"); hyphens, digits and spaces fail
        assertEquals(List.of("a", "aaron's", "polish", "eclair", "o'neill", "it's", "don"),
                TextSources.wordList(new java.io.StringReader(list)));
        assertEquals(Optional.of("zebra"), SentenceFilter.word("  Zebra "));
        assertEquals(Optional.empty(), SentenceFilter.word("two words"));
        assertEquals(Optional.of("quoted"), SentenceFilter.word("'quoted'"));
    }

    @Test
    void passagesTooShortOrLongToSpeakAreKeptForTheLanguageModelOnly() {
        String tooLong = "And it came to pass, when men began to multiply on the face of the earth, "
                + "and daughters were born unto them, that the sons of God saw them.";
        assertEquals(Optional.empty(), SentenceFilter.accept("t", tooLong));
        assertEquals(Optional.of("and it came to pass when men began to multiply on the face of the earth and daughters were born "
                + "unto them that the sons of god saw them"), SentenceFilter.lmOnly(tooLong));
        assertEquals(Optional.of("jesus wept"), SentenceFilter.lmOnly("Jesus wept."));
        assertEquals(Optional.empty(), SentenceFilter.lmOnly("We all go home now."), "the corpus speaks it; not LM-only");
        assertEquals(Optional.empty(), SentenceFilter.lmOnly("In 1984 it rained."), "digits are never spelled out");
        assertEquals(Optional.empty(), SentenceFilter.lmOnly("See J. Smith."), "initials");
        assertEquals(List.of("jesus wept"), SentenceFilter.extractLmOnly("Jesus wept. We all go home now."));
    }

    @Test
    void swordEntriesLoseNotesHeadingsAndMarkup() throws IOException {
        String imp = String.join("\n", "$$$[ Module Heading ]", "", "$$$Genesis 1:1",
                "<w lemma=\"x\">In</w> the beginning , God<note type=\"x\">Or, gods</note> created the heavens and the earth .",
                "$$$Genesis 1:2", "<title type=\"main\">The Creation</title>The earth was formless&#x2014;empty &amp; dark .",
                "<note n=\"a\">a long\nnote</note>It was night’s end .");
        List<String> entries = TextSources.swordEntries(new java.io.StringReader(imp));
        assertEquals(List.of("In the beginning, God created the heavens and the earth.",
                "The earth was formless empty & dark. It was night’s end."), entries);
        assertEquals(List.of("jesus wept", "we all go home now"), SentenceFilter.extractAnyLength("Jesus wept. We all go home now."));
        // a reference to no character (out of range, or too long for an int) becomes U+FFFD, which the filter rejects
        List<String> bad = TextSources.swordEntries(new java.io.StringReader("$$$x\nlight&#x110000; and &#99999999999; dark"));
        assertEquals(List.of("light\uFFFD and \uFFFD dark"), bad);
        assertEquals(List.of(), SentenceFilter.extractAnyLength(bad.get(0)));
    }

    @Test
    void aTextCommandThatFailsNamesItselfAndItsPackage() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CorpusSources.run("sword-text-web", "false"));
        assertEquals("'false' failed (exit 1); is sword-text-web installed?", e.getMessage());
    }
}
