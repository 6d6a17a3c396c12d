package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    @TempDir
    Path tmp;
    Path ref;
    Path hyp;

    /**
     * a1: "the cat sat" vs "the cat sat" (0 errors); a2: "a dog ran home" vs "a dog run" (1 sub, 1 del);
     * b1: "hello world" vs "hello big world" (1 ins). Words: 9 reference, 3 errors; characters:
     * "ran home" vs "run" is 1 sub + 5 del, "hello world" vs "hello big world" 4 ins: 10 of 11 + 14 + 11 = 36.
     */
    @BeforeEach
    void write() throws IOException {
        ref = Files.write(tmp.resolve("ref.txt"), List.of("a1 the cat sat", "a2 a dog ran home", "b1 hello world"));
        hyp = Files.write(tmp.resolve("hyp.txt"), List.of("b1 hello big world", "a1 the cat sat", "a2 a dog run"));
    }

    @Test
    void corpusWerAndCerWithCounts() {
        Cli r = Cli.run("score", "--ref", ref.toString(), "--hyp", hyp.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("%WER 33.33 [ 3 / 9, 1 ins, 1 del, 1 sub ]", lines.get(0));
        assertEquals("%CER 27.78 [ 10 / 36, 4 ins, 5 del, 1 sub ]", lines.get(1));
        assertEquals("utterances: 3", lines.get(2));
    }

    @Test
    void perSpeakerAndPerUtterance() throws IOException {
        Path u2s = Files.write(tmp.resolve("utt2spk"), List.of("a1 spkA", "a2 spkA", "b1 spkB"));
        Cli r = Cli.run("score", "--ref", ref.toString(), "--hyp", hyp.toString(), "--per-speaker", u2s.toString(),
                "--per-utterance");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("a2                       %WER 50.00 [ 2 / 4, 0 ins, 1 del, 1 sub ]"), r.out());
        assertTrue(r.out().contains("  spkA                    2 utts  %WER 28.57 [ 2 / 7, 0 ins, 1 del, 1 sub ]"), r.out());
        assertTrue(r.out().contains("  spkB                    1 utts  %WER 50.00 [ 1 / 2, 1 ins, 0 del, 0 sub ]"), r.out());
    }

    @Test
    void missingHypothesisIsScoredAsEmptyAndNormalisationApplies() throws IOException {
        Path h = Files.write(tmp.resolve("h2.txt"), List.of("a1 The Cat, sat!"));
        Cli plain = Cli.run("score", "--ref", ref.toString(), "--hyp", h.toString());
        assertTrue(plain.out().startsWith("%WER 100.00 [ 9 / 9, 0 ins, 6 del, 3 sub ]"), plain.out());
        assertTrue(plain.out().contains("2 without hypothesis (scored as empty): a2 b1"), plain.out());
        Cli norm = Cli.run("score", "--ref", ref.toString(), "--hyp", h.toString(), "--lowercase", "--strip-punctuation");
        assertTrue(norm.out().startsWith("%WER 66.67 [ 6 / 9, 0 ins, 6 del, 0 sub ]"), norm.out());
    }

    @Test
    void noIdsMatchesLines() throws IOException {
        Path r1 = Files.write(tmp.resolve("r.txt"), List.of("one two three", "four"));
        Path h1 = Files.write(tmp.resolve("h.txt"), List.of("one too three", "four"));
        Cli r = Cli.run("score", "--no-ids", "--ref", r1.toString(), "--hyp", h1.toString(), "--cer-ignore-spaces");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("%WER 25.00 [ 1 / 4, 0 ins, 0 del, 1 sub ]\n%CER 6.67 [ 1 / 15,"), r.out());
    }

    @Test
    void errorsNameTheFile() throws IOException {
        Path extra = Files.write(tmp.resolve("extra.txt"), List.of("zz what"));
        Cli e = Cli.run("score", "--ref", ref.toString(), "--hyp", extra.toString());
        assertEquals(Elman.EXIT_FAILURE, e.exitCode());
        assertEquals("elman score: " + extra + ": utterance 'zz' is not in the reference " + ref, e.err().strip());
        Path dup = Files.write(tmp.resolve("dup.txt"), List.of("a1 x", "a1 y"));
        Cli d = Cli.run("score", "--ref", dup.toString(), "--hyp", hyp.toString());
        assertEquals("elman score: " + dup + ":2: duplicate utterance id 'a1' (first on line 1)", d.err().strip());
        Path missing = tmp.resolve("nohyp.txt");
        Cli m = Cli.run("score", "--ref", ref.toString(), "--hyp", missing.toString());
        assertEquals(Elman.EXIT_FAILURE, m.exitCode());
        assertEquals("elman score: " + missing + ": hypothesis file not found", m.err().strip());
        assertEquals(Elman.EXIT_USAGE, Cli.run("score", "--ref", ref.toString()).exitCode());
    }
}
