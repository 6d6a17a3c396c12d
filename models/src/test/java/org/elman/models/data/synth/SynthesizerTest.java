package org.elman.models.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** FreeTTS runs in the JVM (a Maven dependency), so this test always runs. */
    @Test
    void freeTtsSpeaksDeterministicallyAtItsRateAndPitch() throws Exception {
        Voice kevin = new Voice("freetts", "kevin16", false);
        Sentence s = new Sentence("t", "the quick brown fox jumps over the lazy dog, twice.",
                "the quick brown fox jumps over the lazy dog twice");
        List<PlannedUtterance> plan = List.of(
                new PlannedUtterance("freetts-kevin16-train-000000", Split.TRAIN, kevin, 130, 100, s, 4.0),
                new PlannedUtterance("freetts-kevin16-train-000001", Split.TRAIN, kevin, 190, 100, s, 3.0),
                new PlannedUtterance("freetts-kevin16-train-000002", Split.TRAIN, kevin, 130, 130, s, 4.0));
        Synthesizer a = new Synthesizer(tmp.resolve("a"), 2);
        assertEquals(3, a.run(plan));
        double slow = Synthesizer.durationSeconds(a.wavPath(plan.get(0)));
        double fast = Synthesizer.durationSeconds(a.wavPath(plan.get(1)));
        assertTrue(slow > 2.5 && slow < 7, "duration " + slow);
        assertTrue(fast < 0.85 * slow, "190 wpm (" + fast + " s) is faster than 130 wpm (" + slow + " s)");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.wavPath(plan.get(0))),
                Files.readAllBytes(a.wavPath(plan.get(2)))), "the pitch changes the audio");
        float[] x = org.elman.audio.io.WavReader.read(a.wavPath(plan.get(0))).samples();
        double energy = 0;
        for (float v : x) energy += v * v;
        assertTrue(Math.sqrt(energy / x.length) > 0.01, "speech, not silence");

        Synthesizer b = new Synthesizer(tmp.resolve("b"), 1);
        b.run(plan.subList(0, 1));
        assertArrayEquals(Files.readAllBytes(a.wavPath(plan.get(0))), Files.readAllBytes(b.wavPath(plan.get(0))));
    }

    @Test
    void freeTtsRejectsARateOrPitchOfZero() throws Exception {
        try (FreeTtsEngine engine = new FreeTtsEngine()) {
            String m = assertThrows(IllegalArgumentException.class, () -> engine.speak("hello there", 0, 100)).getMessage();
            assertTrue(m.contains("rate and pitch must be > 0, got 0, 100"), m);
            assertThrows(IllegalArgumentException.class, () -> engine.speak("hello there", 150, 0));
            assertTrue(engine.speak("hello there", 150, 100).samples().length > 1000, "the engine still speaks");
        }
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
