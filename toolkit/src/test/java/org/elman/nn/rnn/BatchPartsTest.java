package org.elman.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.elman.backend.cpu.Parallel;
import org.junit.jupiter.api.Test;

class BatchPartsTest {
    /** The blocks of {@code run}: contiguous, in order once sorted, covering every row once, sizes differing by at most one. */
    @Test
    void partsAreContiguousBlocksCoveringEveryRowOnce() {
        for (int[] c : new int[][] {{7, 3}, {16, 8}, {5, 5}, {9, 1}, {1, 1}}) {
            int n = c[0];
            int parts = c[1];
            List<int[]> blocks = Collections.synchronizedList(new ArrayList<>());
            BatchParts.run(n, parts, (b0, b1) -> blocks.add(new int[] {b0, b1}));
            blocks.sort((a, b) -> Integer.compare(a[0], b[0]));
            assertEquals(parts, blocks.size(), "blocks for n=" + n + ", parts=" + parts);
            int next = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int[] b : blocks) {
                assertEquals(next, b[0], "blocks must be contiguous");
                assertTrue(b[1] > b[0], "no empty block");
                min = Math.min(min, b[1] - b[0]);
                max = Math.max(max, b[1] - b[0]);
                next = b[1];
            }
            assertEquals(n, next, "every row covered");
            assertTrue(max - min <= 1, "block sizes differ by at most one");
        }
    }

    @Test
    void smallRecurrencesStayWholeAndLargeOnesUseTheCoresUpToOnePartPerRow() {
        assertEquals(1, BatchParts.count(4, 2, 4, 8), "a tiny recurrence runs on one thread");
        assertEquals(Math.min(16, Parallel.cores()), BatchParts.count(300, 16, 4, 256));
        assertEquals(1, BatchParts.count(300, 1, 4, 256), "one row, one part");
        Parallel.callerThreadOnly(true);
        try {
            assertEquals(1, BatchParts.count(300, 16, 4, 256), "a caller-only thread uses one part");
        } finally {
            Parallel.callerThreadOnly(false);
        }
    }

    @Test
    void anExplicitPartCountOutsideOneToNIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchParts.check("GruFused", 0, 4));
        assertEquals("GruFused: parts must be in [1, 4], got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchParts.check("GruFused", 5, 4));
        BatchParts.check("GruFused", 1, 0);
    }
}
