package org.elman.models.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.NemoManifest;
import org.elman.models.data.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusWriterTest {
    @TempDir
    Path out;

    private static PlannedUtterance utt(String id, Split split, Voice v, String text) {
        return new PlannedUtterance(id, split, v, 0, 0, new Sentence("s", text + ".", text), 2.0);
    }

    @Test
    void writesKaldiDirsManifestsAndSummary() throws IOException {
        Voice kal = new Voice("festival", "kal_diphone", false);
        Voice nyc = new Voice("espeak-ng", "en-029+m1", true);
        List<PlannedUtterance> plan = List.of(
                utt("festival-kal-diphone-train-000001", Split.TRAIN, kal, "second one here"),
                utt("festival-kal-diphone-train-000000", Split.TRAIN, kal, "first one here"),
                utt("espeakng-en-029-m1-dev-000000", Split.DEV, nyc, "a dev sentence"));
        Map<String, Double> dur = Map.of(plan.get(0).id(), 1.5, plan.get(1).id(), 2.25, plan.get(2).id(), 3.0);
        Synthesizer synth = new Synthesizer(out, 1);
        CorpusWriter.write(out, plan, dur, synth::wavPath);

        List<Utterance> train = KaldiDataDir.read(out.resolve("train"));
        assertEquals(List.of("festival-kal-diphone-train-000000", "festival-kal-diphone-train-000001"),
                train.stream().map(Utterance::id).toList());
        assertEquals("first one here", train.get(0).text());
        assertEquals("festival-kal-diphone", train.get(0).speaker());
        assertEquals(out.resolve("wav/train/festival-kal-diphone-train-000000.wav").toAbsolutePath(), train.get(0).audio());
        assertEquals("festival-kal-diphone-train-000000 2.250\nfestival-kal-diphone-train-000001 1.500\n",
                Files.readString(out.resolve("train/utt2dur")));
        List<Utterance> dev = NemoManifest.read(out.resolve("dev/manifest.jsonl"));
        assertEquals(1, dev.size());
        assertEquals(3.0, dev.get(0).durationSeconds(), 1e-9);
        assertEquals("espeakng-en-029-m1", dev.get(0).speaker());
        assertTrue(KaldiDataDir.read(out.resolve("test")).isEmpty());
        String summary = Files.readString(out.resolve("summary.tsv"));
        assertTrue(summary.contains("train\tfestival\t0.0010\n"), summary);
    }

    @Test
    void missingDurationIsAnError() {
        List<PlannedUtterance> plan = List.of(utt("a-train-000000", Split.TRAIN, new Voice("flite", "kal16", false), "x y"));
        assertThrows(IllegalArgumentException.class,
                () -> CorpusWriter.write(out, plan, Map.of(), new Synthesizer(out, 1)::wavPath));
    }
}
