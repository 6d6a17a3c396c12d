package org.elman.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NemoManifestTest {
    @TempDir
    Path tmp;

    private Path manifest(String content) throws IOException {
        Path m = Files.createDirectories(tmp.resolve("m")).resolve("manifest.json");
        Files.writeString(m, content);
        return m;
    }

    @Test
    void readsRelativeAndAbsolutePathsAndOffsets() throws IOException {
        Path m = manifest("{\"audio_filepath\": \"audio/a.wav\", \"duration\": 2.5, \"text\": \"hello there\"}\n\n"
                + "{\"audio_filepath\": \"/data/b.wav\", \"duration\": 1.0, \"offset\": 3.0, \"text\": \"x\","
                + " \"speaker\": \"spk7\"}\n");
        List<Utterance> u = NemoManifest.read(m);
        assertEquals(new Utterance("a", "a", tmp.resolve("m/audio/a.wav").toAbsolutePath(), 0, 2.5, "hello there"), u.get(0));
        assertEquals(new Utterance("b-3000", "spk7", Path.of("/data/b.wav"), 3.0, 4.0, "x"), u.get(1));
    }

    @Test
    void malformedJsonGivesLine() throws IOException {
        Path m = manifest("{\"audio_filepath\": \"a.wav\", \"duration\": 1, \"text\": \"a\"}\n{\"audio_filepath\": \n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> NemoManifest.read(m));
        assertEquals(2, e.line());
        assertEquals(m, e.file());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void missingOrMistypedFieldsGiveLine() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> NemoManifest.read(manifest("{\"audio_filepath\": \"a.wav\", \"text\": \"a\"}\n")));
        assertTrue(e.getMessage().contains(":1: missing field 'duration'"), e.getMessage());
        e = assertThrows(DataFormatException.class,
                () -> NemoManifest.read(manifest("{\"audio_filepath\": \"a.wav\", \"duration\": \"2\", \"text\": \"a\"}\n")));
        assertTrue(e.getMessage().contains("'duration' must be a number"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> NemoManifest.read(manifest("[1, 2]\n")));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
    }

    @Test
    void duplicateIdsGiveBothLines() throws IOException {
        String line = "{\"audio_filepath\": \"a.wav\", \"duration\": 1, \"text\": \"a\"}\n";
        DataFormatException e = assertThrows(DataFormatException.class, () -> NemoManifest.read(manifest(line + line)));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("first on line 1"), e.getMessage());
    }

    @Test
    void missingManifestIsNamed() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> NemoManifest.read(tmp.resolve("none.json")));
        assertTrue(e.getMessage().contains("file not found"));
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        List<Utterance> in = List.of(new Utterance("s-1", "s", tmp.resolve("w/1.wav"), 0, 1.25, "it's here"),
                new Utterance("s-2", "s", tmp.resolve("w/2.wav"), 0.5, 2.0, "quote \" inside"));
        Path m = tmp.resolve("out/manifest.jsonl");
        NemoManifest.write(m, in);
        assertEquals(in.stream().map(u -> new Utterance(u.id(), u.speaker(), u.audio().toAbsolutePath(),
                u.startSeconds(), u.endSeconds(), u.text())).toList(), NemoManifest.read(m));
        assertTrue(Files.readString(m).startsWith("{\"audio_filepath\":\""));
    }

    @Test
    void writeNeedsDurations() {
        List<Utterance> in = List.of(Utterance.whole("a", "a", tmp.resolve("a.wav"), "x"));
        assertThrows(IllegalArgumentException.class, () -> NemoManifest.write(tmp.resolve("m.jsonl"), in));
    }
}
