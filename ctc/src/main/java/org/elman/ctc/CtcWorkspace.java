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
    private final java.util.List<Scratch> all = new java.util.ArrayList<>();
    private int created;

    synchronized Scratch take() {
        Scratch s = free.poll();
        if (s != null) return s;
        created++;
        s = new Scratch();
        all.add(s);
        return s;
    }

    synchronized void give(Scratch s) {
        free.push(s);
    }

    /** Number of scratch buffers created so far; bounded by the worker count (for tests of reuse). */
    public synchronized int scratchesCreated() {
        return created;
    }

    /**
     * Number of sequences that the scaled linear-space kernel handed to the log-space kernel because it
     * could not compute them to full accuracy (see {@link CtcOptions.Kernel#SCALED_LINEAR}), over all
     * calls that used this workspace. Read it between calls.
     */
    public synchronized long fallbacks() {
        long n = 0;
        for (Scratch s : all) n += s.fallbacks;
        return n;
    }

    /**
     * Buffers for one sequence, shared by both kernels: log-probs or probabilities (T, V), alpha
     * (T, S + 2), two beta rows (S + 2), extended labels and skip flags (S + 2), per-frame scales and
     * their cumulative logarithms (T), occupancy (V). The two extra states are zero padding of the scaled kernel.
     */
    static final class Scratch {
        double[] logProbs = new double[0];
        double[] alpha = new double[0];
        double[] beta = new double[0];
        int[] ext = new int[0];
        double[] skip = new double[0];
        double[] logScale = new double[0];
        double[] rowScale = new double[0];
        double[] occupancy = new double[0];
        /** Two sums a kernel step hands back (no allocation per step). */
        final double[] sums = new double[2];
        /** S and V of the sequence being processed. */
        int states;
        int vocab;
        /** Sequences this scratch handed to the log-space kernel. */
        long fallbacks;

        void ensure(int t, int v, int s) {
            states = s;
            vocab = v;
            int padded = s + 2;
            if (logProbs.length < t * v) logProbs = new double[t * v];
            if (alpha.length < t * padded) alpha = new double[t * padded];
            if (beta.length < 2 * padded) beta = new double[2 * padded];
            if (ext.length < padded) ext = new int[padded];
            if (skip.length < padded) skip = new double[padded];
            if (logScale.length < t) logScale = new double[t];
            if (rowScale.length < t) rowScale = new double[t];
            if (occupancy.length < v) occupancy = new double[v];
        }
    }
}
