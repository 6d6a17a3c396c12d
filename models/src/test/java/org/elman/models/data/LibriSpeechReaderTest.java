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

class LibriSpeechReaderTest {
    @TempDir
    Path root;

    private Path chapter(String spk, String ch, String trans, String... flacs) throws IOException {
        Path d = Files.createDirectories(root.resolve(spk).resolve(ch));
        Files.writeString(d.resolve(spk + "-" + ch + ".trans.txt"), trans);
        for (String f : flacs) Files.write(d.resolve(f + ".flac"), new byte[] {1});
        return d;
    }

    @Test
    void readsSpeakersChaptersAndFlacs() throws IOException {
        Path d = chapter("84", "121123", "84-121123-0001 GO DO YOU HEAR\n84-121123-0000 THE FIRST\n",
                "84-121123-0000", "84-121123-0001");
        chapter("1272", "128104", "1272-128104-0000 MISTER QUILTER\n", "1272-128104-0000");
        List<Utterance> u = LibriSpeechReader.read(root);
        assertEquals(List.of("1272-128104-0000", "84-121123-0000", "84-121123-0001"), u.stream().map(Utterance::id).toList());
        assertEquals(Utterance.whole("84-121123-0001", "84", d.resolve("84-121123-0001.flac"), "GO DO YOU HEAR"), u.get(2));
        assertEquals("1272", u.get(0).speaker());
    }

    @Test
    void missingFlacGivesTranscriptLine() throws IOException {
        Path d = chapter("19", "198", "19-198-0000 A\n19-198-0001 B\n", "19-198-0000");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LibriSpeechReader.read(root));
        assertEquals(d.resolve("19-198.trans.txt"), e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("audio file missing"), e.getMessage());
    }

    @Test
    void wrongIdPrefixAndEmptyFolderAreErrors() throws IOException {
        assertThrows(DataFormatException.class, () -> LibriSpeechReader.read(root));
        chapter("19", "198", "20-198-0000 A\n", "20-198-0000");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LibriSpeechReader.read(root));
        assertTrue(e.getMessage().contains("does not start with '19-198-'"), e.getMessage());
    }
}
