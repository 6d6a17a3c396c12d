package org.elman.models.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCorpusTest {
    @Test
    void parsesOptions() {
        SynthCorpus.Options o = SynthCorpus.Options.parse(
                new String[] {"--out", "/x", "--hours", "15", "--seed", "3", "--threads", "4", "--install"});
        assertEquals(new SynthCorpus.Options(Path.of("/x"), 15, 3, 4,
                List.of("festival", "flite", "espeak-ng", "espeak", "freetts"), true, false), o);
        SynthCorpus.Options some = SynthCorpus.Options.parse(
                new String[] {"--out", "/x", "--hours", "1", "--engines", "freetts, espeak-ng,freetts"});
        assertEquals(List.of("freetts", "espeak-ng"), some.engines());
    }

    @Test
    void prerequisitesFollowTheChosenEngines() {
        List<String> freeTtsOnly = Prerequisites.missing(List.of(VoiceCatalog.FREETTS));
        assertTrue(freeTtsOnly.stream().noneMatch(m -> m.contains("sox") || m.contains("festival")
                || m.contains("espeak") || m.contains("flite")), freeTtsOnly.toString());
        assertTrue(Prerequisites.missing().containsAll(freeTtsOnly));
    }

    @Test
    void badOptionsAreExplained() {
        assertTrue(message("--hours", "1").contains("--out DIR is required"));
        assertTrue(message("--out", "/x").contains("--hours H (> 0) is required"));
        assertTrue(message("--out", "/x", "--hours", "many").contains("--hours expects a number, got 'many'"));
        assertTrue(message("--out", "/x", "--hours", "1", "--fast").contains("unknown option '--fast'"));
        assertTrue(message("--out").contains("--out needs a value"));
        assertTrue(message("--out", "/x", "--hours", "1", "--engines", "flite,pico")
                .contains("unknown engine family 'pico'; known: [festival, flite, espeak-ng, espeak, freetts]"));
        assertTrue(message("--out", "/x", "--hours", "1", "--engines", ",").contains("no engine family chosen"));
    }

    @Test
    void installCommandListsEveryPackage() {
        String cmd = String.join(" ", Prerequisites.installCommand());
        assertEquals("apt-get install -y --no-install-recommends espeak-ng espeak flite festival festvox-kallpc16k "
                + "festvox-kdlpc16k sox fortunes bible-kjv wordnet-base dict-gcide dict-devil jargon-text sword-text-web libsword-utils wamerican", cmd);
    }

    @Test
    void lmTextHoldsEveryTrainingSentenceAndNoHeldOutOne(@TempDir Path dir) throws Exception {
        SentencePool pool = CorpusPlanTest.pool();
        String dev = pool.transcripts(Split.DEV).get(0);
        String test = pool.transcripts(Split.TEST).get(0);
        String train = pool.transcripts(Split.TRAIN).get(0);
        List<String> lmOnly = List.of("go away", "and so " + dev + " said the long verse", test, train, "go away",
                "x" + dev + " y", dev + " again", "");
        Path file = dir.resolve(SynthCorpus.LM_TEXT);
        SynthCorpus.writeLmText(file, pool, lmOnly);
        List<String> lines = Files.readAllLines(file);
        assertEquals(pool.transcripts(Split.TRAIN), lines.subList(0, pool.size(Split.TRAIN)), "training sentences first, in order");
        assertEquals(List.of("go away", "x" + dev + " y"), lines.subList(pool.size(Split.TRAIN), lines.size()),
                "passages: no dev or test sentence, none holding one as whole words, no duplicates");
        for (String line : lines.subList(0, pool.size(Split.TRAIN))) assertEquals(Split.TRAIN, SentencePool.splitOf(line), line);
        assertTrue(pool.size(Split.DEV) > 0 && pool.size(Split.TEST) > 0, "the fixture pool has held-out sentences");
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> SynthCorpus.Options.parse(args)).getMessage();
    }
}
