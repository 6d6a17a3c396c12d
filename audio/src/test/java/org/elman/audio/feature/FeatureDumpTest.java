package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.elman.audio.AudioData;
import org.elman.audio.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureDumpTest {
    @Test
    void printsOneLinePerFrame(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("s.wav");
        WavWriter.writeFloat32(wav, new AudioData(Fixtures.signal("chirp"), 16000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FeatureDump.run(new String[] {wav.toString(), "featureType=MFCC", "numMelBins=23", "--deltas"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].contains("48 frames x 39"), lines[0]);
        assertEquals(49, lines.length);
        assertEquals(39, lines[1].trim().split(" ").length);
        assertThrows(IllegalArgumentException.class, () -> FeatureDump.run(new String[] {wav.toString(), "bogus"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> FeatureDump.run(new String[0], System.out));
    }
}
