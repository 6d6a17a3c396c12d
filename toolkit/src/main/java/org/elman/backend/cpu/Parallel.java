package org.elman.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/** Splits index ranges over the available cores; small ranges run on the calling thread. */
public final class Parallel {
    private static final int THREADS = Integer.getInteger("elman.threads", Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = THREADS <= 1 ? null : new ForkJoinPool(THREADS);

    private static final ThreadLocal<Boolean> CALLER_ONLY = ThreadLocal.withInitial(() -> Boolean.FALSE);

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
     * Runs {@code body} over {@code [0, n)} in chunks of at least {@code grain} indices, in parallel
     * when there is more than one chunk. Returns after every chunk has finished.
     */
    public static void range(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int chunks = Math.min(THREADS, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || POOL == null || java.util.concurrent.ForkJoinTask.getPool() == POOL || CALLER_ONLY.get()) {
            body.run(0, n);
            return;
        }
        POOL.invoke(new Split(body, 0, n, (n + chunks - 1) / chunks));
    }

    /** Runs independent tasks in parallel and waits for all of them. */
    public static void all(Runnable... tasks) {
        if (POOL == null || tasks.length == 1 || java.util.concurrent.ForkJoinTask.getPool() == POOL || CALLER_ONLY.get()) {
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

        Split(RangeBody body, int from, int to, int chunk) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.chunk = chunk;
        }

        @Override
        protected void compute() {
            if (to - from <= chunk) {
                body.run(from, to);
                return;
            }
            int mid = from + ((to - from) / chunk / 2) * chunk;
            if (mid == from) mid = from + chunk;
            invokeAll(new Split(body, from, mid, chunk), new Split(body, mid, to, chunk));
        }
    }
}
