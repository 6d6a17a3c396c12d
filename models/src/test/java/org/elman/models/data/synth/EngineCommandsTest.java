package org.elman.models.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineCommandsTest {
    private static PlannedUtterance utt(String family, String voice, String speakable) {
        return new PlannedUtterance("x-train-000000", Split.TRAIN, new Voice(family, voice, false), 160, 40,
                new Sentence("s", speakable, speakable.replace(",", "")), 1.0);
    }

    @Test
    void commandLines() {
        Path t = Path.of("/t/text.txt");
        Path r = Path.of("/t/raw.wav");
        assertEquals(List.of("espeak-ng", "-v", "en-us+f3", "-s", "160", "-p", "40", "-w", "/t/raw.wav", "-f", "/t/text.txt"),
                EngineCommands.espeak(utt("espeak-ng", "en-us+f3", "a b"), t, r));
        assertEquals("espeak", EngineCommands.espeak(utt("espeak", "en-sc+m3", "a b"), t, r).get(0));
        assertEquals(List.of("flite", "-voice", "kal16", "-f", "/t/text.txt", "-o", "/t/raw.wav"),
                EngineCommands.flite(utt("flite", "kal16", "a b"), t, r));
        assertEquals(List.of("sox", "-R", "-D", "/t/raw.wav", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer",
                "/t/o.wav"), EngineCommands.sox(r, Path.of("/t/o.wav")));
    }

    @Test
    void festivalScriptSelectsVoiceOnceAndSavesEachUtterance() {
        String s = EngineCommands.festivalScript("ked_diphone",
                List.of(utt("festival", "ked_diphone", "it's here, now."), utt("festival", "ked_diphone", "b c")),
                List.of(Path.of("/t/r0.wav"), Path.of("/t/r1.wav")));
        assertEquals("(voice_ked_diphone)\n"
                + "(utt.save.wave (utt.synth (Utterance Text \"it's here, now.\")) \"/t/r0.wav\" 'riff)\n"
                + "(utt.save.wave (utt.synth (Utterance Text \"b c\")) \"/t/r1.wav\" 'riff)\n", s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineCommands.festivalScript(
                "kal_diphone", List.of(utt("festival", "kal_diphone", "say \"x\"")), List.of(Path.of("/r.wav"))));
        assertTrue(e.getMessage().contains("may not contain"));
    }

    @Test
    void voiceIdsAndCatalogue() {
        assertEquals("espeakng-en-us-f3", new Voice("espeak-ng", "en-us+f3", false).id());
        assertEquals("festival-kal-diphone", new Voice("festival", "kal_diphone", false).id());
        VoiceCatalog c = VoiceCatalog.standard();
        assertEquals(1.15, c.weights().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        assertEquals(List.of("kal"), c.voices("flite", true).stream().map(Voice::name).toList());
        assertTrue(c.voices("festival", true).isEmpty());
        assertTrue(c.voices("espeak-ng", false).stream().noneMatch(v -> v.name().startsWith("en-029")
                || v.name().endsWith("+f3")));
        assertEquals(c.all().size(), c.all().stream().map(Voice::id).distinct().count());
        assertEquals("freetts-kevin16", c.voices("freetts", false).get(0).id());
        assertTrue(c.voices("freetts", true).isEmpty());
        VoiceCatalog two = c.only(List.of("freetts", "flite"));
        assertEquals(List.of("flite", "freetts"), List.copyOf(two.weights().keySet()), "catalogue order kept");
        assertEquals(0.25, two.weights().get("flite"), 0.0);
        assertThrows(IllegalArgumentException.class, () -> c.only(List.of()));
    }
}
