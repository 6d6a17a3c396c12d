package org.elman.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The helper threads behind {@link Parallel}: a split's chunks are pulled from a shared counter by
 * the calling thread and by whichever helpers were idle when the split began. Nothing is queued:
 * a split that finds no idle helper (all busy with an enclosing split, say) runs on its caller.
 *
 * <p>Why not a {@link java.util.concurrent.ForkJoinPool}: handing a task to a parked pool worker
 * and being woken at the join each cost 0.1-0.6 ms on our 2-core VM (measured around the two
 * directions of a bidirectional LSTM layer, about 10 ms each), 5 % of a 3-layer BiLSTM 128
 * forward, and an external caller of {@code invoke} waits idle instead of taking a chunk. So,
 * as OpenMP runtimes do by default, an idle helper spins on its job slot for up to {@link
 * #SPIN_NANOS} (1 ms by default) before it parks (the next split usually comes sooner), and a
 * caller whose chunks are done spins as long before it parks until the helpers finish. Spinning
 * yields now and then, so more threads than cores still make progress. {@code
 * -Delman.spin.micros=0} makes them park almost at once (OpenMP's passive wait policy), for
 * machines shared with other work.
 *
 * <p>{@link StepTeam} is the same idea for one streaming stepper: its own fixed helpers, one part
 * each per step of about 10 µs, a 50 µs spin and no yields while a helper waits for the next
 * step. It stays separate because a stepper must not find its helpers busy with another split;
 * its spin was tuned for steps, and this class's 1 ms spin with yields was not measured there.
 *
 * <p>Splits may nest and may start on several threads at once: helpers are claimed one at a
 * time with a compare-and-set, and a caller only ever waits for chunks already running, so no
 * split can wait for another that has not started. A failure in a chunk is rethrown by the
 * caller (the first one, if several fail) once the chunks already started have finished; chunks
 * not yet started are skipped.
 */
final class Crew {
    /** How long an idle helper, or a caller waiting for helpers, spins before it parks ({@code -Delman.spin.micros}, default 1000). */
    static final long SPIN_NANOS = spinNanos(System.getProperty("elman.spin.micros"));
    private final Helper[] helpers;

    /** Starts {@code size} daemon helper threads. */
    Crew(int size) {
        helpers = new Helper[size];
        for (int i = 0; i < size; i++) {
            helpers[i] = new Helper("elman-cpu-" + (i + 1));
            helpers[i].thread.start();
        }
    }

    /**
     * Runs {@code chunk.accept(c)} for every {@code c} in {@code [0, chunks)}: on this thread and
     * on up to {@code extra} idle helpers; returns when all chunks have finished.
     */
    void run(int chunks, int extra, IntConsumer chunk) {
        Job job = new Job(chunks, chunk);
        for (int i = 0, claimed = 0; i < helpers.length && claimed < extra; i++) {
            if (helpers[i].offer(job)) claimed++;
        }
        job.work();
        job.awaitHelpers();
        Throwable t = job.failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException("parallel chunk failed", t);
    }

    /** The spin time for a value of {@code elman.spin.micros} (null: 1 ms); a clear error for anything but a whole number >= 0. */
    static long spinNanos(String micros) {
        if (micros == null) return 1_000_000;
        try {
            long us = Long.parseLong(micros.trim());
            if (us >= 0 && us <= 10_000_000) return us * 1000;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("elman.spin.micros must be a whole number of microseconds from 0 to 10000000, got '" + micros + "'");
    }

    /** Spins (yielding now and then) while {@code busy} holds, for at most {@link #SPIN_NANOS}; whether it still holds. */
    private static boolean spinWhile(java.util.function.BooleanSupplier busy) {
        long start = System.nanoTime();
        int spins = 0;
        while (busy.getAsBoolean()) {
            if (++spins % 256 == 0) {
                if (System.nanoTime() - start > SPIN_NANOS) return true;
                Thread.yield(); // a thread we wait for may have been descheduled
            } else {
                Thread.onSpinWait();
            }
        }
        return false;
    }

    /** One split: the chunk counter, the helpers still working on it, and the first failure. */
    private static final class Job {
        private final int chunks;
        private final IntConsumer chunk;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger helpersBusy = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile Thread waiter;

        Job(int chunks, IntConsumer chunk) {
            this.chunks = chunks;
            this.chunk = chunk;
        }

        /** Runs chunks until none is left; after a failure the rest are skipped. */
        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    chunk.accept(c);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    next.set(chunks);
                }
            }
        }

        /** A helper has finished its share; wakes the caller if it was the last one and the caller parked. */
        void helperDone() {
            if (helpersBusy.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null) LockSupport.unpark(w);
            }
        }

        void awaitHelpers() {
            if (!spinWhile(() -> helpersBusy.get() > 0)) return;
            // publish the waiter before the last look: helperDone decrements before it reads it,
            // so one of the two always sees the other
            waiter = Thread.currentThread();
            while (helpersBusy.get() > 0) LockSupport.park(this);
        }
    }

    /** One helper thread with a one-job slot. */
    private static final class Helper implements Runnable {
        private final Thread thread;
        private final AtomicInteger state = new AtomicInteger(); // 0 idle, 1 claimed
        private volatile Job job;
        private volatile boolean parked;

        Helper(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        /** Hands {@code j} to this helper if it is idle. */
        boolean offer(Job j) {
            if (!state.compareAndSet(0, 1)) return false;
            j.helpersBusy.incrementAndGet();
            job = j;
            if (parked) LockSupport.unpark(thread);
            return true;
        }

        @Override
        public void run() {
            while (true) {
                Job j = awaitJob();
                job = null;
                j.work();
                state.set(0); // idle again before the caller can return and split anew
                j.helperDone();
            }
        }

        private Job awaitJob() {
            while (true) {
                if (!spinWhile(() -> job == null)) return job;
                // publish "parked" before the last look at the slot: offer sets the slot before
                // it reads the flag, so one of the two always sees the other
                parked = true;
                if (job == null) LockSupport.park(this);
                parked = false;
            }
        }
    }
}
