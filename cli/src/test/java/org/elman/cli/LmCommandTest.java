package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.elman.ctc.lm.ArpaLm;
import org.elman.ctc.lm.NgramLmBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmCommandTest {
    private static final List<String> CORPUS = List.of("the cat sat", "the dog sat", "a cat ran", "the cat ran");

    @TempDir
    Path tmp;
    Path corpus;
    Path arpa;

    @BeforeEach
    void write() throws IOException {
        corpus = Files.write(tmp.resolve("corpus.txt"), CORPUS);
        arpa = tmp.resolve("lm.arpa");
    }

    @Test
    void buildThenInfoReportsTheCountsPerOrder() throws IOException {
        Cli b = Cli.run("lm", "build", corpus.toString(), "--order", "2", "--out", arpa.toString());
        assertEquals(0, b.exitCode(), b.err());
        // unigrams: 6 words + <s> </s> <unk>; bigrams: 10 distinct pairs with <s> and </s>
        assertEquals(arpa + ": order 2, n-grams 1-gram 9, 2-gram 10", b.out().strip());
        String expected = NgramLmBuilder.builder().setOrder(2).build().buildArpa(CORPUS);
        assertEquals(expected, Files.readString(arpa));
        Cli i = Cli.run("lm", "info", arpa.toString());
        assertEquals(0, i.exitCode(), i.err());
        assertEquals(List.of("file: " + arpa, "order: 2", "vocabulary: 9 words (with <unk>)", "ngram 1=9", "ngram 2=10"),
                i.out().lines().toList());
    }

    @Test
    void pruneSingletonsDropsBigramsSeenOnce() {
        Cli b = Cli.run("lm", "build", corpus.toString(), "--order", "2", "--prune-singletons", "-o", arpa.toString());
        assertEquals(0, b.exitCode(), b.err());
        // bigrams seen more than once: <s> the (3), the cat (2), cat ran (2), sat </s> (2), ran </s> (2)
        assertTrue(b.out().contains("2-gram 5"), b.out());
    }

    @Test
    void prunePerOrderKeepsLowerOrdersAndRejectsBadThresholds() throws IOException {
        Cli b = Cli.run("lm", "build", corpus.toString(), "--order", "3", "--prune", "0,0,1", "-o", arpa.toString());
        assertEquals(0, b.exitCode(), b.err());
        assertEquals(NgramLmBuilder.builder().setOrder(3).optPrune(0, 0, 1).build().buildArpa(CORPUS), Files.readString(arpa));
        ArpaLm lm = ArpaLm.read(arpa);
        ArpaLm full = ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).build().buildArpa(CORPUS), "full");
        assertEquals(full.counts()[1], lm.counts()[1]);
        assertTrue(lm.counts()[2] < full.counts()[2]);
        for (String[] bad : new String[][] {{"--prune", "1,1"}, {"--prune", "0,2,1"}, {"--prune", "0,x"},
                {"--prune", "0,1", "--prune-singletons"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("lm", "build", corpus.toString(), "-o", arpa.toString()));
            args.addAll(List.of(bad));
            Cli c = Cli.run(args.toArray(String[]::new));
            assertEquals(Elman.EXIT_USAGE, c.exitCode(), String.join(" ", bad) + ": " + c.err());
            assertTrue(c.err().contains("--prune"), c.err());
        }
    }

    @Test
    void vocabularyFileAddsWordsWithCountZero() throws IOException {
        Path words = Files.write(tmp.resolve("words.txt"), List.of("zebra", "", "  cat  ", "owl"));
        Cli b = Cli.run("lm", "build", corpus.toString(), "--order", "2", "--vocab", words.toString(), "-o", arpa.toString());
        assertEquals(0, b.exitCode(), b.err());
        assertEquals(NgramLmBuilder.builder().setOrder(2).optVocabulary(List.of("zebra", "cat", "owl")).build().buildArpa(CORPUS),
                Files.readString(arpa));
        ArpaLm lm = ArpaLm.read(arpa);
        assertEquals(11, lm.counts()[0]); // the 9 of buildThenInfo... plus zebra and owl
        assertEquals(lm.entry("<unk>")[0], lm.entry("zebra")[0], 0f);

        Path bad = Files.write(tmp.resolve("bad.txt"), List.of("fine", "two words"));
        Cli c = Cli.run("lm", "build", corpus.toString(), "--vocab", bad.toString(), "-o", arpa.toString());
        assertEquals(Elman.EXIT_FAILURE, c.exitCode(), c.err());
        assertTrue(c.err().contains(bad.toString()) && c.err().contains("two words"), c.err());
        Cli missing = Cli.run("lm", "build", corpus.toString(), "--vocab", tmp.resolve("none.txt").toString(), "-o", arpa.toString());
        assertTrue(missing.exitCode() != 0 && missing.err().contains("none.txt"), missing.err());
    }

    @Test
    void scoreGivesTheModelsSentenceProbabilitiesAndPerplexity() throws IOException {
        assertEquals(0, Cli.run("lm", "build", corpus.toString(), "--order", "3", "-o", arpa.toString()).exitCode());
        Path test = Files.write(tmp.resolve("test.txt"), List.of("the cat sat", "a dog flew"));
        Cli s = Cli.run("lm", "score", arpa.toString(), test.toString(), "--per-sentence");
        assertEquals(0, s.exitCode(), s.err());
        ArpaLm lm = ArpaLm.read(arpa);
        double a = lm.sentenceLogProb("the", "cat", "sat");
        double c = lm.sentenceLogProb("a", "dog", "flew");
        double ppl = Math.exp(-(a + c) / (6 + 2));
        List<String> lines = s.out().lines().toList();
        assertEquals(String.format(Locale.ROOT, "%.4f\tthe cat sat", a / Math.log(10)), lines.get(0));
        assertEquals(test + ": 2 sentences, 6 words, 1 OOV", lines.get(2));
        assertEquals(String.format(Locale.ROOT, "logprob(log10)= %.4f ppl= %.4f", (a + c) / Math.log(10), ppl), lines.get(3));
    }

    @Test
    void errorsNameTheFile() throws IOException {
        Path missing = tmp.resolve("missing.txt");
        Cli m = Cli.run("lm", "build", missing.toString(), "-o", arpa.toString());
        assertEquals(Elman.EXIT_FAILURE, m.exitCode());
        assertEquals("elman lm build: " + missing + ": text corpus not found", m.err().strip());
        Path empty = Files.write(tmp.resolve("empty.txt"), List.of("", "  "));
        Cli e = Cli.run("lm", "build", empty.toString(), "-o", arpa.toString());
        assertEquals(Elman.EXIT_FAILURE, e.exitCode());
        assertEquals("elman lm build: " + empty + ": the corpus has no sentences", e.err().strip());
        Path bad = Files.write(tmp.resolve("bad.arpa"), List.of("\\data\\", "ngram 1=x"));
        Cli b = Cli.run("lm", "info", bad.toString());
        assertEquals(Elman.EXIT_FAILURE, b.exitCode());
        assertEquals(1, b.errLines().length, b.err());
        assertTrue(b.err().startsWith("elman lm info: " + bad + ":"), b.err());
        Cli o = Cli.run("lm", "build", corpus.toString(), "--order", "7", "-o", arpa.toString());
        assertEquals(Elman.EXIT_USAGE, o.exitCode());
        assertTrue(o.err().contains("--order must be 1 to 5, got 7"), o.err());
    }
}
