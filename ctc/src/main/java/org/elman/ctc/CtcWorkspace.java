package org.elman.ctc;

import java.util.ArrayDeque;

/**
 * Scratch memory for {@link CtcLoss}, reused between calls so a training loop allocates nothing
 * per step once the largest batch has been seen. One workspace serves one call at a time; it hands
 * out one scratch per worker thread. The default workspace of {@link CtcLoss#compute} is
 * per calling thread.
 */
public final class CtcWorkspace {
    private final ArrayDeque<Scratch> free = new ArrayDeque<>();
    private int created;

    synchronized Scratch take() {
        Scratch s = free.poll();
        if (s != null) return s;
        created++;
        return new Scratch();
    }

    synchronized void give(Scratch s) {
        free.push(s);
    }

    /** Number of scratch buffers created so far; bounded by the worker count (for tests of reuse). */
    public synchronized int scratchesCreated() {
        return created;
    }

    /** Buffers for one sequence: log-probs (T, V), alpha (T, S), two beta rows (S), extended labels (S), occupancy (V). */
    static final class Scratch {
        double[] logProbs = new double[0];
        double[] alpha = new double[0];
        double[] beta = new double[0];
        int[] ext = new int[0];
        double[] occupancy = new double[0];
        /** S of the sequence being processed. */
        int states;

        void ensure(int t, int v, int s) {
            states = s;
            if (logProbs.length < t * v) logProbs = new double[t * v];
            if (alpha.length < t * s) alpha = new double[t * s];
            if (beta.length < 2 * s) beta = new double[2 * s];
            if (ext.length < s) ext = new int[s];
            if (occupancy.length < v) occupancy = new double[v];
        }
    }
}
