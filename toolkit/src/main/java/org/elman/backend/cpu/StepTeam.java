package org.elman.backend.cpu;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads for work that is split into a few parts many thousand times a second,
 * such as one batch-1 recurrent step (tens of microseconds): {@link #run()} runs part 0 on the
 * calling thread and parts 1..P-1 on P-1 helper threads, and returns once all are done. A pool's
 * task hand-off costs about as much as the step itself, so the helpers instead watch a volatile
 * generation counter: they spin on it for up to {@value #SPIN_NANOS} ns after each part (the
 * next step usually comes sooner) and then park until {@link #run()} unparks them, so an idle
 * team takes no CPU. The caller spins while it waits for the helpers.
 *
 * <p>Only one thread may call {@link #run()} at a time. An exception thrown by a part on a helper
 * is rethrown by {@link #run()} (after every part has finished). {@link #close()} stops the
 * helpers; the team cannot run afterwards.
 */
public final class StepTeam implements AutoCloseable {
    /** How long a helper spins for the next generation before parking. */
    static final long SPIN_NANOS = 50_000;
    private final IntConsumer work;
    private final Helper[] helpers;
    private volatile long generation;
    private volatile boolean closed;

    /** A team of {@code parts} (at least 1) that runs {@code work.accept(p)} for every part p per {@link #run()}. */
    public StepTeam(int parts, IntConsumer work) {
        if (parts < 1) throw new IllegalArgumentException("StepTeam: parts must be >= 1, got " + parts);
        this.work = work;
        this.helpers = new Helper[parts - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(i + 1);
            helpers[i].thread.start();
        }
    }

    public int parts() {
        return helpers.length + 1;
    }

    /** Runs every part once: part 0 here, the others on the helpers; returns when all have finished. */
    public void run() {
        if (closed) throw new IllegalStateException("StepTeam: closed");
        if (helpers.length == 0) {
            work.accept(0);
            return;
        }
        long gen = generation + 1;
        generation = gen;
        for (Helper h : helpers) {
            if (h.parked) LockSupport.unpark(h.thread);
        }
        RuntimeException mine = null;
        try {
            work.accept(0);
        } catch (RuntimeException e) {
            mine = e;
        }
        Throwable theirs = awaitHelpers(gen);
        if (mine != null) throw mine;
        if (theirs instanceof RuntimeException r) throw r;
        if (theirs instanceof Error e) throw e;
    }

    /** Spins until every helper has finished generation {@code gen}; the first failure among them, or null. */
    private Throwable awaitHelpers(long gen) {
        Throwable failure = null;
        for (Helper h : helpers) {
            int spins = 0;
            while (h.finished != gen) {
                if (++spins % 4096 == 0) Thread.yield(); // a helper descheduled by the OS
                else Thread.onSpinWait();
            }
            if (h.failure != null && failure == null) failure = h.failure;
            h.failure = null;
        }
        return failure;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Helper h : helpers) LockSupport.unpark(h.thread);
        for (Helper h : helpers) {
            try {
                h.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One helper thread: runs its part once per generation. */
    private final class Helper implements Runnable {
        private final int part;
        private final Thread thread;
        private volatile long finished;
        private volatile boolean parked;
        private volatile Throwable failure;

        Helper(int part) {
            this.part = part;
            this.thread = new Thread(this, "elman-step-" + part);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long gen = awaitGeneration(seen);
                if (gen < 0) return;
                seen = gen;
                try {
                    work.accept(part);
                } catch (Throwable t) {
                    failure = t;
                }
                finished = gen;
            }
        }

        /** The next generation after {@code seen}, or -1 once the team is closed. */
        private long awaitGeneration(long seen) {
            long start = System.nanoTime();
            int spins = 0;
            while (true) {
                if (closed) return -1;
                long gen = generation;
                if (gen != seen) return gen;
                if (++spins % 256 != 0 || System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                // publish "parked" before the last look at the counter: run() bumps the counter
                // before it reads the flag, so one of the two always sees the other
                parked = true;
                if (generation == seen && !closed) LockSupport.park(this);
                parked = false;
                start = System.nanoTime();
            }
        }
    }
}
