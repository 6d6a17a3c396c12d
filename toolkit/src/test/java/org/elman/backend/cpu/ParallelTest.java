package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParallelTest {
    /** Sums [0, n) through range and records which threads ran the chunks. */
    private static long sum(int n, Set<Thread> ran) {
        AtomicLong total = new AtomicLong();
        Parallel.range(n, 1, (lo, hi) -> {
            ran.add(Thread.currentThread());
            long s = 0;
            for (int i = lo; i < hi; i++) s += i;
            total.addAndGet(s);
        });
        return total.get();
    }

    @Test
    void rangeCoversEveryIndexOnceAndCallerOnlyKeepsWorkOnTheCaller() {
        int n = 100_000;
        long expected = (long) n * (n - 1) / 2;
        assertEquals(expected, sum(n, ConcurrentHashMap.newKeySet()));
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        Parallel.callerThreadOnly(true);
        try {
            assertEquals(expected, sum(n, ran));
            int[] order = new int[3];
            Parallel.all(() -> order[0] = 1, () -> order[1] = 2, () -> order[2] = 3);
            assertEquals(6, order[0] + order[1] + order[2]);
        } finally {
            Parallel.callerThreadOnly(false);
        }
        assertEquals(Set.of(Thread.currentThread()), ran);
    }
}
