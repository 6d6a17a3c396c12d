package org.elman.ctc.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NgramTableTest {
    /** Random trigrams into a table sized far too small (so it grows) and into a HashMap, the reference. */
    @Test
    void agreesWithAHashMapThroughGrowthAndForAbsentKeys() {
        Random rng = new Random(7);
        NgramTable table = new NgramTable(3, 4);
        Map<NgramKey, float[]> reference = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            int[] ids = {rng.nextInt(60), rng.nextInt(60), rng.nextInt(60)};
            float p = -rng.nextFloat() * 5;
            float b = rng.nextFloat() - 0.5f;
            boolean fresh = !reference.containsKey(new NgramKey(ids));
            assertEquals(fresh, table.put(ids, p, b), "put reports whether the n-gram was new");
            if (fresh) reference.put(new NgramKey(ids), new float[] {p, b});
        }
        assertEquals(reference.size(), table.size());
        for (int i = 0; i < 50_000; i++) {
            int[] history = {rng.nextInt(70), rng.nextInt(70), rng.nextInt(70), rng.nextInt(70)};
            int word = rng.nextInt(70);
            float[] want = reference.get(NgramKey.of(history, 2, word));
            int slot = table.find(history, 2, 4, word);
            assertEquals(want == null, slot < 0);
            if (want != null) {
                assertEquals(want[0], table.logProb(slot));
                assertEquals(want[1], table.backoff(slot));
            }
            float[] ctx = reference.get(NgramKey.context(history, 1));
            int c = table.find(history, 1, 4, -1);
            assertEquals(ctx == null, c < 0);
            if (ctx != null) assertEquals(ctx[0], table.logProb(c));
        }
    }

    @Test
    void aDuplicateKeepsTheFirstValues() {
        NgramTable t = new NgramTable(2, 10);
        assertTrue(t.put(new int[] {1, 2}, -1f, -0.5f));
        assertFalse(t.put(new int[] {1, 2}, -3f, 0f));
        int s = t.find(new int[] {1, 2}, 0, 2, -1);
        assertEquals(-1f, t.logProb(s));
        assertEquals(-0.5f, t.backoff(s));
        assertEquals(-1, t.find(new int[] {2}, 0, 1, 1), "order matters: 2 1 is not 1 2");
        assertEquals(1, t.size());
    }

    @Test
    void badKeysAreRejected() {
        NgramTable t = new NgramTable(2, 10);
        assertThrows(IllegalArgumentException.class, () -> t.put(new int[] {1}, -1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> t.put(new int[] {1, -1}, -1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new NgramTable(0, 10));
    }
}
