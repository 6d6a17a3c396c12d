package org.elman.backend.cpu;

/**
 * Splits index ranges over the available cores ({@code -Delman.threads=N}, default all); small
 * ranges run on the calling thread. The calling thread takes part in each split, together with
 * the idle helper threads of a {@link Crew}. Calls may nest: a split inside a chunk of another
 * one claims the helpers still idle, so an outer split over fewer parts than cores (the two
 * directions of a bidirectional layer) leaves the other cores to the inner ones.
 */
public final class Parallel {
    private static final int THREADS = Integer.getInteger("elman.threads", Runtime.getRuntime().availableProcessors());
    private static final Crew CREW = THREADS <= 1 ? null : new Crew(THREADS - 1);

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
     * one per core of {@link #cores()}, in parallel when there is more than one chunk (on this
     * thread and on idle helpers of the {@link Crew}). Returns after every chunk has finished.
     */
    public static void range(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int cores = cores();
        int chunks = Math.min(cores, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || CREW == null) {
            body.run(0, n);
            return;
        }
        int size = (n + chunks - 1) / chunks;
        int parts = (n + size - 1) / size;
        int share = Math.max(1, cores / parts);
        CREW.run(parts, parts - 1, c -> {
            int[] here = SHARE.get();
            int before = here[0];
            here[0] = share;
            try {
                body.run(c * size, Math.min(n, (c + 1) * size));
            } finally {
                here[0] = before;
            }
        });
    }

    /** Runs independent tasks in parallel and waits for all of them. */
    public static void all(Runnable... tasks) {
        if (CREW == null || tasks.length == 1 || CALLER_ONLY.get()) {
            for (Runnable t : tasks) t.run();
            return;
        }
        range(tasks.length, 1, (lo, hi) -> {
            for (int i = lo; i < hi; i++) tasks[i].run();
        });
    }
}
