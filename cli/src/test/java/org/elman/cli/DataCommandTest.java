package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elman.audio.AudioData;
import org.elman.audio.io.WavWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path tmp;
    Path w1;
    Path w2;

    /** Two WAVs at 16 kHz: 1.0 s and 0.5 s. */
    @BeforeEach
    void writeAudio() throws IOException {
        w1 = tmp.resolve("u1.wav");
        w2 = tmp.resolve("u2.wav");
        WavWriter.writePcm16(w1, new AudioData(new float[16000], 16000));
        WavWriter.writePcm16(w2, new AudioData(new float[8000], 16000));
    }

    private Path kaldiDir(String name, List<String> wavScp, List<String> text, List<String> utt2spk) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.write(d.resolve("wav.scp"), wavScp);
        Files.write(d.resolve("text"), text);
        Files.write(d.resolve("utt2spk"), utt2spk);
        return d;
    }

    private Path goodDir(String name) throws IOException {
        return kaldiDir(name, List.of("s1-u1 " + w1, "s2-u2 " + w2), List.of("s1-u1 hello world", "s2-u2 good bye"),
                List.of("s1-u1 s1", "s2-u2 s2"));
    }

    @Test
    void kaldiDirCountsAndDurations() throws IOException {
        Path d = goodDir("train");
        Cli r = Cli.run("data", "validate", d.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(d + " (Kaldi): 2 utterances, 2 speakers, 1.50 s (min 0.50 s, mean 0.75 s, max 1.00 s), sample rate 16000 Hz",
                lines.get(0));
        assertEquals("no problems found", lines.get(1));
    }

    @Test
    void segmentsMissingAudioAndEmptyTranscriptsAreProblems() throws IOException {
        Path d = kaldiDir("bad", List.of("r1 " + w1, "r2 " + tmp.resolve("gone.wav")),
                List.of("s1-a hello", "s1-b", "s2-c there"), List.of("s1-a s1", "s1-b s1", "s2-c s2"));
        Files.write(d.resolve("segments"), List.of("s1-a r1 0.0 0.4", "s1-b r1 0.4 1.5", "s2-c r2 0 -1"));
        Cli r = Cli.run("data", "validate", d.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        String out = r.out();
        assertTrue(out.contains("3 utterances, 2 speakers"), out);
        assertTrue(out.contains("duration unknown for 1 utterances"), out);
        assertTrue(out.contains("empty transcript: 1\n    s1-b"), out);
        assertTrue(out.contains("missing audio: 1\n    " + tmp.resolve("gone.wav") + " (utterance s2-c)"), out);
        assertTrue(out.contains("segment past end of file: 1\n    s1-b ends at 1.500 s, u1.wav is 1.000 s long"), out);
        assertTrue(out.endsWith("3 problems found\n"), out);
    }

    @Test
    void formatErrorsNameTheFileAndLine() throws IOException {
        Path d = kaldiDir("broken", List.of("s1-u1 " + w1), List.of("s1-u1 hi", "s1-u9 orphan"), List.of("s1-u1 s1", "s1-u9 s1"));
        Cli r = Cli.run("data", "validate", d.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.out().contains("unreadable: 1\n    " + d.resolve("text") + ":2: utterance 's1-u9' has a transcript but no entry in wav.scp"),
                r.out());
    }

    @Test
    void nemoManifestAndFolderOfSets() throws IOException {
        Path m = Files.write(tmp.resolve("manifest.jsonl"), List.of(
                "{\"audio_filepath\": \"u1.wav\", \"duration\": 1.0, \"text\": \"hello world\"}",
                "{\"audio_filepath\": \"u2.wav\", \"duration\": 0.5, \"text\": \"good bye\", \"speaker\": \"x\"}"));
        Cli r = Cli.run("data", "validate", m.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith(m + " (NeMo): 2 utterances, 2 speakers, 1.50 s (min 0.50 s, mean 0.75 s, max 1.00 s)"), r.out());
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        goodDir("corpus/dev");
        goodDir("corpus/train");
        Cli f = Cli.run("data", "validate", corpus.toString(), "--no-audio");
        assertEquals(0, f.exitCode(), f.out() + f.err());
        assertEquals(List.of(corpus.resolve("dev") + " (Kaldi): 2 utterances, 2 speakers, 0.00 s",
                "  duration unknown for 2 utterances (not counted)",
                corpus.resolve("train") + " (Kaldi): 2 utterances, 2 speakers, 0.00 s",
                "  duration unknown for 2 utterances (not counted)",
                "total: 4 utterances, 0.00 s in 2 sets", "no problems found"), f.out().lines().toList());
    }

    @Test
    void utt2durGivesDurationsWithoutOpeningAudio() throws IOException {
        Path d = goodDir("withdur");
        Files.write(d.resolve("utt2dur"), List.of("s1-u1 1.0", "s2-u2 0.5"));
        Cli r = Cli.run("data", "validate", d.toString(), "--no-audio");
        assertEquals(d + " (Kaldi): 2 utterances, 2 speakers, 1.50 s (min 0.50 s, mean 0.75 s, max 1.00 s)",
                r.out().lines().findFirst().orElseThrow());
        Files.write(d.resolve("utt2dur"), List.of("s1-u1 long"));
        Cli bad = Cli.run("data", "validate", d.toString(), "--no-audio");
        assertEquals(Elman.EXIT_FAILURE, bad.exitCode());
        assertTrue(bad.out().contains(d.resolve("utt2dur") + ":1: 's1-u1' has a duration that is not a number: long"), bad.out());
    }

    @Test
    void notACorpusIsOneLineNamingThePath() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli r = Cli.run("data", "validate", empty.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.err().startsWith("elman data validate: " + empty + ": not a Kaldi data directory (no wav.scp)"), r.err());
        Path missing = tmp.resolve("nowhere");
        Cli m = Cli.run("data", "validate", missing.toString());
        assertEquals("elman data validate: " + missing + ": data directory or manifest not found", m.err().strip());
    }

    @Test
    void synthValidatesItsOptionsBeforeRunning() {
        Cli r = Cli.run("data", "synth", "--out", tmp.toString(), "--hours", "0");
        assertEquals(Elman.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("--hours must be > 0"), r.err());
        assertEquals(Elman.EXIT_USAGE, Cli.run("data", "synth", "--hours", "1").exitCode());
        Cli engines = Cli.run("data", "synth", "--out", tmp.toString(), "--hours", "1", "--engines", "festival,pico");
        assertEquals(Elman.EXIT_USAGE, engines.exitCode());
        assertTrue(engines.err().contains("--engines: unknown engine family 'pico'; known: [festival, flite, espeak-ng, "
                + "espeak, freetts]"), engines.err());
    }
}
