package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class StepTeamTest {
    @Test
    void everyPartRunsOncePerRunAndItsWritesAreVisibleAfterwards() throws InterruptedException {
        int parts = 3;
        long[] counts = new long[parts]; // plain array: run() must publish the helpers' writes
        long[] sums = new long[parts];
        int[] round = new int[1];
        Random pause = new Random(1);
        try (StepTeam team = new StepTeam(parts, p -> {
            counts[p]++;
            sums[p] += round[0];
        })) {
            assertEquals(parts, team.parts());
            for (int r = 1; r <= 20_000; r++) {
                round[0] = r;
                team.run();
                for (int p = 0; p < parts; p++) assertEquals(r, counts[p], "part " + p + ", run " + r);
                if (r % 2000 == 0) Thread.sleep(1 + pause.nextInt(2)); // helpers park, then must wake
            }
            for (int p = 0; p < parts; p++) assertEquals(20_000L * 20_001 / 2, sums[p], "part " + p);
        }
    }

    @Test
    void aHelpersFailureIsRethrownAndTheTeamGoesOn() {
        try (StepTeam team = new StepTeam(2, p -> {
            if (p == 1) throw new IllegalStateException("part one failed");
        })) {
            IllegalStateException e = assertThrows(IllegalStateException.class, team::run);
            assertEquals("part one failed", e.getMessage());
            assertThrows(IllegalStateException.class, team::run, "again on the next run");
        }
        int[] ran = new int[2];
        try (StepTeam team = new StepTeam(2, p -> ran[p]++)) {
            team.run();
            team.run();
        }
        assertEquals(2, ran[0]);
        assertEquals(2, ran[1]);
    }

    @Test
    void closeStopsTheHelpersAndOnePartNeedsNone() {
        Set<Thread> helpers = ConcurrentHashMap.newKeySet();
        StepTeam team = new StepTeam(3, p -> {
            if (p > 0) helpers.add(Thread.currentThread());
        });
        team.run();
        assertEquals(2, helpers.size());
        team.close();
        for (Thread t : helpers) assertFalse(t.isAlive(), t.getName());
        IllegalStateException e = assertThrows(IllegalStateException.class, team::run);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        team.close(); // twice is fine
        Thread[] caller = new Thread[1];
        try (StepTeam solo = new StepTeam(1, p -> caller[0] = Thread.currentThread())) {
            solo.run();
        }
        assertTrue(caller[0] == Thread.currentThread());
        assertThrows(IllegalArgumentException.class, () -> new StepTeam(0, p -> { }));
    }
}
