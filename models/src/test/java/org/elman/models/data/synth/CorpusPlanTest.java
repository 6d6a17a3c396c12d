package org.elman.models.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class CorpusPlanTest {
    /** Synthetic sources: the Bible has ten times the sentences of the others. */
    static SentencePool pool() {
        Map<String, List<Sentence>> bySource = new LinkedHashMap<>();
        for (String src : CorpusPlan.SOURCE_WEIGHTS.keySet()) {
            int n = src.equals("bible-kjv") ? 20000 : 2000;
            List<Sentence> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String t = "the " + word(src.hashCode() * 31L + i) + " went home early today";
                list.add(new Sentence(src, t + ".", t));
            }
            bySource.put(src, list);
        }
        return SentencePool.build(bySource);
    }

    static String word(long i) {
        StringBuilder sb = new StringBuilder();
        long v = Math.abs(i);
        do {
            sb.append((char) ('a' + v % 26));
            v /= 26;
        } while (v > 0);
        return sb.toString();
    }

    private static final SentencePool POOL = pool();

    private static List<PlannedUtterance> plan(long seed, double hours) {
        return CorpusPlan.plan(POOL, VoiceCatalog.standard(), CorpusPlan.SOURCE_WEIGHTS, seed, hours);
    }

    /**
     * The plan of the four engine families the corpus had before FreeTTS joined is unchanged
     * when those four are chosen, so corpora made before stay reproducible: the CRC-32 was taken
     * from the plan file that version wrote.
     */
    @Test
    void theFourOriginalFamiliesPlanAsBefore() {
        VoiceCatalog four = VoiceCatalog.standard().only(List.of("espeak", "festival", "espeak-ng", "flite"));
        List<PlannedUtterance> p = CorpusPlan.plan(POOL, four, CorpusPlan.SOURCE_WEIGHTS, 5, 0.5);
        CRC32 crc = new CRC32();
        crc.update(PlanFile.format(p).getBytes(StandardCharsets.UTF_8));
        assertEquals(1049171964L, crc.getValue());
        assertTrue(plan(5, 0.5).stream().anyMatch(u -> u.voice().isFreeTts()), "all five families by default");
    }

    @Test
    void sameSeedSamePlanOtherSeedOtherPlan() {
        List<PlannedUtterance> a = plan(11, 1.0);
        assertEquals(a, plan(11, 1.0));
        assertNotEquals(a, plan(12, 1.0));
        assertEquals(PlanFile.format(a), PlanFile.format(plan(11, 1.0)));
    }

    @Test
    void largerPlanExtendsSmallerOnePerSplit() {
        List<PlannedUtterance> small = plan(3, 0.3);
        List<PlannedUtterance> large = plan(3, 1.2);
        for (Split s : Split.values()) {
            List<PlannedUtterance> a = small.stream().filter(u -> u.split() == s).toList();
            List<PlannedUtterance> b = large.stream().filter(u -> u.split() == s).toList();
            assertFalse(a.isEmpty());
            assertEquals(a, b.subList(0, a.size()), s.toString());
        }
    }

    @Test
    void heldOutVoicesAndSentencesStayOutOfTrain() {
        List<PlannedUtterance> p = plan(5, 2.0);
        Set<String> ids = new HashSet<>();
        int heldOutInDevTest = 0;
        for (PlannedUtterance u : p) {
            assertTrue(ids.add(u.id()), "duplicate id " + u.id());
            assertTrue(u.id().startsWith(u.voice().id() + "-" + u.split().dirName() + "-"), u.id());
            assertEquals(u.split(), SentencePool.splitOf(u.sentence().transcript()));
            if (u.split() == Split.TRAIN) assertFalse(u.voice().heldOut(), u.id());
            else if (u.voice().heldOut()) heldOutInDevTest++;
        }
        assertTrue(heldOutInDevTest > 20, "dev/test use held-out voices: " + heldOutInDevTest);
        Set<String> transcripts = new HashSet<>();
        for (PlannedUtterance u : p) assertTrue(transcripts.add(u.sentence().transcript()), "sentence reused");
    }

    @Test
    void splitSizesFollowTheHours() {
        List<PlannedUtterance> p = plan(5, 2.0);
        Map<Split, Double> est = new LinkedHashMap<>();
        for (PlannedUtterance u : p) est.merge(u.split(), u.estimatedSeconds(), Double::sum);
        assertEquals(2.0 * 3600 * 0.92, est.get(Split.TRAIN), 30);
        assertEquals(2.0 * 3600 * 0.04, est.get(Split.DEV), 30);
        assertEquals(2.0 * 3600 * 0.04, est.get(Split.TEST), 30);
    }

    @Test
    void weightsKeepBibleAndEspeakNgFromDominating() {
        List<PlannedUtterance> train = plan(9, 3.0).stream().filter(u -> u.split() == Split.TRAIN).toList();
        Map<String, Integer> bySource = new LinkedHashMap<>();
        Map<String, Integer> byFamily = new LinkedHashMap<>();
        for (PlannedUtterance u : train) {
            bySource.merge(u.sentence().source(), 1, Integer::sum);
            byFamily.merge(u.voice().family(), 1, Integer::sum);
        }
        double n = train.size();
        assertEquals(0.20, bySource.get("bible-kjv") / n, 0.04, bySource.toString());
        assertEquals(0.25, bySource.get("fortunes") / n, 0.04, bySource.toString());
        assertEquals(0.35 / 1.15, byFamily.get(VoiceCatalog.FESTIVAL) / n, 0.04, byFamily.toString());
        assertEquals(0.25 / 1.15, byFamily.get(VoiceCatalog.ESPEAK_NG) / n, 0.04, byFamily.toString());
        assertEquals(0.15 / 1.15, byFamily.get(VoiceCatalog.FREETTS) / n, 0.04, byFamily.toString());
    }

    @Test
    void espeakAndFreeTtsSettingsStayInRange() {
        for (PlannedUtterance u : plan(2, 0.5)) {
            if (u.voice().isEspeak()) {
                assertTrue(u.speedWpm() >= 130 && u.speedWpm() <= 210, "speed " + u.speedWpm());
                assertTrue(u.pitch() >= 25 && u.pitch() <= 75, "pitch " + u.pitch());
            } else if (u.voice().isFreeTts()) {
                assertTrue(u.speedWpm() >= 130 && u.speedWpm() <= 190, "speed " + u.speedWpm());
                assertTrue(u.pitch() >= 75 && u.pitch() <= 135, "pitch " + u.pitch());
            } else {
                assertEquals(0, u.speedWpm());
            }
        }
    }

    @Test
    void runsOutGracefullyAndRejectsBadHours() {
        Map<String, List<Sentence>> tiny = new LinkedHashMap<>();
        tiny.put("fortunes", List.of(new Sentence("fortunes", "a b c d.", "a b c d")));
        SentencePool p = SentencePool.build(tiny);
        List<PlannedUtterance> plan = CorpusPlan.plan(p, VoiceCatalog.standard(), CorpusPlan.SOURCE_WEIGHTS, 1, 10);
        assertEquals(1, plan.size());
        assertThrows(IllegalArgumentException.class,
                () -> CorpusPlan.plan(p, VoiceCatalog.standard(), CorpusPlan.SOURCE_WEIGHTS, 1, 0));
    }

    @Test
    void weightedDrawMatchesWeights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("a", 1.0);
        w.put("b", 3.0);
        Random r = new Random(1);
        int b = 0;
        for (int i = 0; i < 10000; i++) if (CorpusPlan.draw(r, w).equals("b")) b++;
        assertEquals(0.75, b / 10000.0, 0.02);
    }
}
