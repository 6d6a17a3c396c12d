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

    @Test
    void festivalBatchAndFliteProduceValidAudio() throws Exception {
        assumeTrue(Prerequisites.onPath("festival") && Prerequisites.onPath("flite") && Prerequisites.onPath("sox")
                && Files.isDirectory(Prerequisites.FESTIVAL_VOICES.resolve("kal_diphone")), "festival/flite not installed");
        Voice kal = new Voice("festival", "kal_diphone", false);
        Sentence one = new Sentence("t", "it's a fine day, isn't it?", "it's a fine day isn't it");
        Sentence two = new Sentence("t", "the rain stopped at noon.", "the rain stopped at noon");
        List<PlannedUtterance> plan = List.of(
                new PlannedUtterance("festival-kal-diphone-train-000000", Split.TRAIN, kal, 0, 0, one, 2.0),
                new PlannedUtterance("festival-kal-diphone-train-000001", Split.TRAIN, kal, 0, 0, two, 2.0),
                new PlannedUtterance("flite-kal16-train-000002", Split.TRAIN, new Voice("flite", "kal16", false), 0, 0,
                        two, 2.0));
        Synthesizer s = new Synthesizer(tmp.resolve("f"), 2);
        assertEquals(3, s.run(plan));
        for (PlannedUtterance u : plan) {
            double seconds = Synthesizer.durationSeconds(s.wavPath(u));
            assertTrue(Synthesizer.isValidWav(s.wavPath(u)) && seconds > 0.8 && seconds < 5, u.id() + " " + seconds);
        }
    }
}
