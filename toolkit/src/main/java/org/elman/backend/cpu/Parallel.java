package org.elman.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits index ranges over the available cores ({@code -Delman.threads=N}, default all); small
 * ranges run on the calling thread. Calls may nest: a range split inside a task of another one
 * is forked into the same pool, so an outer split over fewer parts than cores (the two directions
 * of a bidirectional layer) leaves the other cores to the inner ones.
 */
public final class Parallel {
    private static final int THREADS = Integer.getInteger("elman.threads", Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = THREADS <= 1 ? null : new ForkJoinPool(THREADS);

    private static final ThreadLocal<Boolean> CALLER_ONLY = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** The cores the task running on this thread may use; {@code [0]}, a holder so it is set without a ThreadLocal.set. */
    private static final ThreadLocal<int[]> SHARE = ThreadLocal.withInitial(() -> new int[] {THREADS});

    private Parallel() {}

    /**
     * Whether this thread's kernels run on this thread alone, never splitting work over the pool.
     * For threads that already share the cores between them (a server's decode workers): there
     * splitting small ops costs more in hand-offs than it gains.
     */
    public static void callerThreadOnly(boolean on) {
        CALLER_ONLY.set(on);
    }

    /** A body over the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    public static int threads() {
        return THREADS;
    }

    /**
     * The cores the code running now may use: all {@link #threads()} outside any split, an equal
     * part of its caller's inside a chunk of {@link #range} or a task of {@link #all} (each of the
     * two directions of a bidirectional layer gets half), at least 1, and 1 on a thread marked
     * {@link #callerThreadOnly}. Work that could be cut into independent parts (the rows of a
     * batch) asks this for how many parts are worth it.
     */
    public static int cores() {
        return CALLER_ONLY.get() ? 1 : SHARE.get()[0];
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks of at least {@code grain} indices, at most
     * one per core of {@link #cores()}, in parallel when there is more than one chunk. Returns after
     * every chunk has finished.
     */
    public static void range(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int cores = cores();
        int chunks = Math.min(cores, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || POOL == null) {
            body.run(0, n);
            return;
        }
        Split whole = new Split(body, 0, n, (n + chunks - 1) / chunks, Math.max(1, cores / chunks));
        // inside the pool (a direction of a bidirectional layer, say) the chunks are forked into
        // it too: cores the outer tasks leave free steal them, otherwise this thread runs them
        if (ForkJoinTask.getPool() == POOL) whole.invoke();
        else POOL.invoke(whole);
    }

    /** Runs independent tasks in parallel and waits for all of them. */
    public static void all(Runnable... tasks) {
        if (POOL == null || tasks.length == 1 || CALLER_ONLY.get()) {
            for (Runnable t : tasks) t.run();
            return;
        }
        range(tasks.length, 1, (lo, hi) -> {
            for (int i = lo; i < hi; i++) tasks[i].run();
        });
    }

    private static final class Split extends RecursiveAction {
        private final RangeBody body;
        private final int from;
        private final int to;
        private final int chunk;
        private final int share;

        /** {@code share}: the {@link #cores()} of each chunk's body. */
        Split(RangeBody body, int from, int to, int chunk, int share) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.chunk = chunk;
            this.share = share;
        }

        @Override
        protected void compute() {
            if (to - from <= chunk) {
                int[] here = SHARE.get();
                int before = here[0];
                here[0] = share;
                try {
                    body.run(from, to);
                } finally {
                    here[0] = before;
                }
                return;
            }
            int mid = from + ((to - from) / chunk / 2) * chunk;
            if (mid == from) mid = from + chunk;
            invokeAll(new Split(body, from, mid, chunk, share), new Split(body, mid, to, chunk, share));
        }
    }
}
