package org.elman.models.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentencePoolTest {
    @Test
    void deduplicatesAcrossSourcesFirstSourceWins() {
        Sentence shared = new Sentence("a", "we all go home now.", "we all go home now");
        Map<String, List<Sentence>> m = new LinkedHashMap<>();
        m.put("a", List.of(shared, shared));
        m.put("b", List.of(new Sentence("b", "We all go, home now!", "we all go home now")));
        SentencePool pool = SentencePool.build(m);
        Split s = SentencePool.splitOf("we all go home now");
        assertEquals(List.of(shared), pool.sentences(s, "a"));
        assertEquals(List.of(), pool.sentences(s, "b"));
        assertEquals(1, pool.size(Split.TRAIN) + pool.size(Split.DEV) + pool.size(Split.TEST));
        assertEquals(List.of("a", "b"), pool.sources());
    }

    @Test
    void heldOutSentencesAreAboutThreePercentEach() {
        SentencePool pool = CorpusPlanTest.pool();
        double total = pool.size(Split.TRAIN) + pool.size(Split.DEV) + pool.size(Split.TEST);
        assertEquals(30000, total);
        assertEquals(0.03, pool.size(Split.DEV) / total, 0.005);
        assertEquals(0.03, pool.size(Split.TEST) / total, 0.005);
        for (Sentence s : pool.sentences(Split.DEV, "fortunes")) assertEquals(Split.DEV, SentencePool.splitOf(s.transcript()));
    }

    @Test
    void splitOfIsAFixedFunctionOfTheText() {
        // CRC-32 of "hello world" is 0x0d4a1185 = 222957957; 222957957 % 100 = 57 -> train
        assertEquals(Split.TRAIN, SentencePool.splitOf("hello world"));
        int dev = 0;
        for (int i = 0; i < 1000; i++) if (SentencePool.splitOf("s " + i) == Split.DEV) dev++;
        assertTrue(dev > 10 && dev < 60, "dev " + dev);
    }
}
