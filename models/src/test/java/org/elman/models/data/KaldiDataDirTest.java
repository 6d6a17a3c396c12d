package org.elman.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaldiDataDirTest {
    @TempDir
    Path tmp;

    private Path dir(String wavScp, String text, String utt2spk) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(d.resolve("wav.scp"), wavScp);
        Files.writeString(d.resolve("text"), text);
        Files.writeString(d.resolve("utt2spk"), utt2spk);
        return d;
    }

    @Test
    void readsPlainDataDirInTextOrder() throws IOException {
        Path d = dir("u2 /a/u2.wav\nu1 /a/u1.wav\n", "u1 hello world\nu2\n", "u1 s1\nu2 s2\n");
        List<Utterance> utts = KaldiDataDir.read(d);
        assertEquals(2, utts.size());
        assertEquals(Utterance.whole("u1", "s1", Path.of("/a/u1.wav"), "hello world"), utts.get(0));
        assertEquals("", utts.get(1).text());
        assertFalse(utts.get(0).isSegment());
    }

    @Test
    void readsSegments() throws IOException {
        Path d = dir("rec1 /a/rec1.wav\n", "s1-a one\ns1-b two\n", "s1-a s1\ns1-b s1\n");
        Files.writeString(d.resolve("segments"), "s1-a rec1 0.00 1.50\ns1-b rec1 1.50 -1\n");
        List<Utterance> utts = KaldiDataDir.read(d);
        assertEquals(new Utterance("s1-a", "s1", Path.of("/a/rec1.wav"), 0, 1.5, "one"), utts.get(0));
        assertEquals(1.5, utts.get(1).startSeconds());
        assertFalse(utts.get(1).hasEnd());
    }

    @Test
    void writesSortedInCOrderAndReadsBack() throws IOException {
        List<Utterance> in = List.of(
                Utterance.whole("b-2", "b", tmp.resolve("b2.wav"), "second b"),
                Utterance.whole("B-1", "B", tmp.resolve("B1.wav"), "capital"),
                Utterance.whole("b-1", "b", tmp.resolve("b1.wav"), "first b"));
        Path d = tmp.resolve("out");
        KaldiDataDir.write(d, in);
        assertEquals("B-1 capital\nb-1 first b\nb-2 second b\n", Files.readString(d.resolve("text")));
        assertEquals("B-1 B\nb-1 b\nb-2 b\n", Files.readString(d.resolve("utt2spk")));
        assertEquals("B B-1\nb b-1 b-2\n", Files.readString(d.resolve("spk2utt")));
        assertTrue(Files.readString(d.resolve("wav.scp")).startsWith("B-1 " + tmp.resolve("B1.wav").toAbsolutePath()));
        assertFalse(Files.exists(d.resolve("segments")));
        List<Utterance> back = KaldiDataDir.read(d);
        assertEquals(List.of("B-1", "b-1", "b-2"), back.stream().map(Utterance::id).toList());
        assertEquals("first b", back.get(1).text());
    }

    @Test
    void writesSegmentsWithRecordingIds() throws IOException {
        Path wav = tmp.resolve("long.wav");
        List<Utterance> in = List.of(new Utterance("s-1", "s", wav, 0, 2.0, "a b"),
                new Utterance("s-2", "s", wav, 2.0, 3.25, "c d"));
        Path d = tmp.resolve("seg");
        KaldiDataDir.write(d, in);
        assertEquals("s-1 s-rec000000 0.000 2.000\ns-2 s-rec000000 2.000 3.250\n", Files.readString(d.resolve("segments")));
        assertEquals("s-rec000000 " + wav.toAbsolutePath() + "\n", Files.readString(d.resolve("wav.scp")));
        assertEquals(in.get(1).durationSeconds(), KaldiDataDir.read(d).get(1).durationSeconds(), 1e-9);
    }

    @Test
    void writerRejectsIdsNotInSpeakerOrder() {
        List<Utterance> in = List.of(Utterance.whole("a-1", "z", tmp.resolve("1.wav"), "x"),
                Utterance.whole("b-1", "y", tmp.resolve("2.wav"), "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KaldiDataDir.write(tmp.resolve("o"), in));
        assertTrue(e.getMessage().contains("speaker order"), e.getMessage());
    }

    @Test
    void writerRejectsDuplicateIds() {
        List<Utterance> in = List.of(Utterance.whole("a-1", "a", tmp.resolve("1.wav"), "x"),
                Utterance.whole("a-1", "a", tmp.resolve("2.wav"), "y"));
        assertThrows(IllegalArgumentException.class, () -> KaldiDataDir.write(tmp.resolve("o"), in));
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path d = dir("u1 /a.wav\n", "u1 x\n", "u1 s\n");
        Files.delete(d.resolve("utt2spk"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaldiDataDir.read(d));
        assertEquals(d.resolve("utt2spk"), e.file());
        assertTrue(e.getMessage().contains("not found"));
    }

    @Test
    void duplicateIdGivesFileAndLine() throws IOException {
        Path d = dir("u1 /a.wav\nu2 /b.wav\nu1 /c.wav\n", "u1 x\nu2 y\n", "u1 s\nu2 s\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaldiDataDir.read(d));
        assertEquals(d.resolve("wav.scp"), e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("duplicate id 'u1' (first on line 1)"), e.getMessage());
    }

    @Test
    void transcriptWithoutAudioGivesTextLine() throws IOException {
        Path d = dir("u1 /a.wav\n", "u1 x\nu9 lost\n", "u1 s\nu9 s\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaldiDataDir.read(d));
        assertEquals(d.resolve("text"), e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'u9'") && e.getMessage().contains("wav.scp"), e.getMessage());
    }

    @Test
    void audioWithoutTranscriptIsAnError() throws IOException {
        Path d = dir("u1 /a.wav\nu2 /b.wav\n", "u1 x\n", "u1 s\nu2 s\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaldiDataDir.read(d));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("no transcript"), e.getMessage());
    }

    @Test
    void missingSpeakerIsAnError() throws IOException {
        Path d = dir("u1 /a.wav\n", "u1 x\n", "u2 s\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaldiDataDir.read(d));
        assertTrue(e.getMessage().contains("utt2spk"), e.getMessage());
    }

    @Test
    void pipedCommandIsNotSupported() throws IOException {
        Path d = dir("u1 /a.wav\nu2 flac -c -d -s /b.flac |\n", "u1 x\nu2 y\n", "u1 s\nu2 s\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaldiDataDir.read(d));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("piped command for 'u2' is not supported"), e.getMessage());
    }

    @Test
    void badSegmentTimesAreReported() throws IOException {
        Path d = dir("rec /a.wav\n", "u1 x\n", "u1 s\n");
        Files.writeString(d.resolve("segments"), "u1 rec 2.0 1.0\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaldiDataDir.read(d));
        assertEquals(1, e.line());
        Files.writeString(d.resolve("segments"), "u1 other 0 1\n");
        e = assertThrows(DataFormatException.class, () -> KaldiDataDir.read(d));
        assertTrue(e.getMessage().contains("recording 'other' is not in wav.scp"), e.getMessage());
    }
}
