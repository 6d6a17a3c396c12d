package org.elman.models.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs espeak-ng and sox for real; skipped when they are not installed. */
class SynthesizerTest {
    @TempDir
    Path tmp;

    @Test
    void synthesisesDeterministicallyAndResumes() throws Exception {
        assumeTrue(Prerequisites.onPath("espeak-ng") && Prerequisites.onPath("sox"), "espeak-ng and sox not installed");
        PlannedUtterance u = new PlannedUtterance("espeakng-en-us-m3-train-000000", Split.TRAIN,
                new Voice("espeak-ng", "en-us+m3", false), 170, 50,
                new Sentence("t", "the quick brown fox, jumps.", "the quick brown fox jumps"), 2.0);
        Synthesizer a = new Synthesizer(tmp.resolve("a"), 1);
        assertEquals(1, a.run(List.of(u)));
        Path wav = a.wavPath(u);
        assertTrue(Synthesizer.isValidWav(wav));
        double seconds = Synthesizer.durationSeconds(wav);
        assertTrue(seconds > 0.8 && seconds < 5, "duration " + seconds);
        assertFalse(Files.exists(tmp.resolve("a/tmp")), "temporary folder removed");

        Synthesizer b = new Synthesizer(tmp.resolve("b"), 1);
        b.run(List.of(u));
        assertArrayEquals(Files.readAllBytes(wav), Files.readAllBytes(b.wavPath(u)), "same plan, same bytes");

        assertEquals(0, a.run(List.of(u)), "existing valid WAV is skipped");
        Files.write(wav, new byte[] {'R', 'I', 'F', 'F', 0});
        assertFalse(Synthesizer.isValidWav(wav));
        assertEquals(1, a.run(List.of(u)), "broken WAV is redone");
        assertArrayEquals(Files.readAllBytes(b.wavPath(u)), Files.readAllBytes(wav));
    }
}
