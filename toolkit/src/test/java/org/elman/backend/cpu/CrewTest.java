package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each test makes its own crew; its helpers are daemon threads that park when idle. A lost wake-up hangs: hence the timeout. */
@Timeout(60)
class CrewTest {
    @Test
    void everyChunkRunsOnceAndItsWritesAreVisibleToTheCaller() throws InterruptedException {
        Crew crew = new Crew(2);
        for (int round = 0; round < 5000; round++) {
            int chunks = 1 + round % 7;
            long[] wrote = new long[chunks]; // plain array: run must publish the helpers' writes
            int r = round;
            crew.run(chunks, 2, c -> wrote[c] += r + c);
            for (int c = 0; c < chunks; c++) assertEquals(r + c, wrote[c], "round " + round + ", chunk " + c);
            if (round % 1000 == 999) Thread.sleep(5); // helpers spin out and park, then must wake
        }
    }

    @Test
    void chunksRunOnTheCallerAndAHelperAtOnce() throws Exception {
        Crew crew = new Crew(1);
        CyclicBarrier both = new CyclicBarrier(2);
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        crew.run(2, 1, c -> {
            ran.add(Thread.currentThread());
            try {
                both.await(10, TimeUnit.SECONDS); // fails unless the two chunks run concurrently
            } catch (Exception e) {
                throw new IllegalStateException("chunks did not run concurrently", e);
            }
        });
        assertEquals(2, ran.size());
        assertTrue(ran.contains(Thread.currentThread()), "the caller takes a chunk itself");
    }

    @Test
    void nestedAndConcurrentSplitsFinishAndCoverEveryIndex() throws InterruptedException {
        Crew crew = new Crew(3);
        int callers = 4;
        int outer = 3;
        int inner = 5;
        AtomicIntegerArray hits = new AtomicIntegerArray(callers * outer * inner);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int caller = t;
            threads.add(new Thread(() -> {
                for (int rep = 0; rep < 200; rep++) {
                    crew.run(outer, outer - 1, o -> crew.run(inner, inner - 1,
                            i -> hits.incrementAndGet((caller * outer + o) * inner + i)));
                }
            }));
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join(60_000);
        for (Thread t : threads) assertTrue(!t.isAlive(), "a split never finished (deadlock?)");
        for (int k = 0; k < hits.length(); k++) assertEquals(200, hits.get(k), "index " + k);
    }

    @Test
    void aFailureIsRethrownOnceStartedChunksFinishAndTheCrewGoesOn() {
        Crew crew = new Crew(1);
        AtomicLong finished = new AtomicLong();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> crew.run(2, 1, c -> {
            if (c == 1) throw new IllegalStateException("chunk one failed");
            finished.incrementAndGet();
        }));
        assertEquals("chunk one failed", e.getMessage());
        Error err = assertThrows(AssertionError.class, () -> crew.run(3, 1, c -> {
            throw new AssertionError("an error passes unwrapped");
        }));
        assertEquals("an error passes unwrapped", err.getMessage());
        long[] sum = new long[1];
        crew.run(4, 0, c -> sum[0] += c); // no helper asked for: all on this thread
        assertEquals(6, sum[0]);
    }

    @Test
    void aCallerThatParksWhileAHelperWorksOnIsWokenWhenItFinishes() {
        Crew crew = new Crew(1);
        Thread caller = Thread.currentThread();
        CyclicBarrier both = new CyclicBarrier(2);
        long[] slept = new long[2];
        crew.run(2, 1, c -> {
            try {
                both.await(10, TimeUnit.SECONDS); // one chunk on each thread
                if (Thread.currentThread() != caller) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Crew.SPIN_NANOS) * 20); // the caller spins out and parks
                    slept[c] = 1;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(1, slept[0] + slept[1], "run returned after the helper's chunk");
    }

    @Test
    void idleHelpersPark() throws InterruptedException {
        Crew crew = new Crew(1);
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        CyclicBarrier both = new CyclicBarrier(2);
        crew.run(2, 1, c -> {
            ran.add(Thread.currentThread());
            try {
                both.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ran.remove(Thread.currentThread());
        assertEquals(1, ran.size(), "a helper ran a chunk");
        Thread h = ran.iterator().next();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(1);
        assertEquals(Thread.State.WAITING, h.getState(), "an idle helper parks after spinning for a while");
    }

    @Test
    void theSpinTimeComesFromAWholeNumberOfMicroseconds() {
        assertEquals(1_000_000, Crew.spinNanos(null));
        assertEquals(0, Crew.spinNanos("0"));
        assertEquals(250_000, Crew.spinNanos(" 250 "));
        for (String bad : new String[] {"-1", "1.5", "fast", "", "99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Crew.spinNanos(bad));
            assertTrue(e.getMessage().contains("elman.spin.micros") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
