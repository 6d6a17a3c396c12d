package org.elman.nn.rnn;

import java.util.function.IntFunction;
import org.elman.backend.cpu.Parallel;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.elman.backend.cpu.StepProducts;

/**
 * The rows of a batch cut into parts whose step loops run in parallel. Rows never meet in a
 * recurrence (row b's state at step t depends only on row b), so each part can step its own
 * block of rows through the whole sequence, forward and backward, without waiting for the others
 * at any step. Used by the fused LSTM and GRU when they have spare cores ({@link
 * Parallel#cores}): on a machine with two cores both directions of a bidirectional layer already
 * fill them, and the loops stay whole.
 */
final class BatchParts {
    /** Recurrent products below this many multiply-adds (over all steps) run on one thread. */
    static final long PARALLEL_WORK = 1L << 21;

    private BatchParts() {}

    /**
     * Parts worth using for T steps of N rows with a recurrent weight of {@code gates * H} by H:
     * one per core this call may use, at most one per row; 1 when the products are small.
     */
    static int count(int t, int n, int gates, int hid) {
        if ((long) t * n * gates * hid * hid < PARALLEL_WORK) return 1;
        return Math.max(1, Math.min(n, Parallel.cores()));
    }

    /** Checks an explicit part count for N rows: 1 to N (1 when N = 0). */
    static void check(String what, int parts, int n) {
        if (parts < 1 || parts > Math.max(1, n)) {
            throw new IllegalArgumentException(what + ": parts must be in [1, " + n + "], got " + parts);
        }
    }

    /** The step loop over rows {@code [b0, b1)} of the batch. */
    @FunctionalInterface
    interface Rows {
        void run(int b0, int b1);
    }

    /** Runs {@code body} on each of {@code parts} contiguous blocks of the N rows, in parallel (on this thread when parts is 1). */
    static void run(int n, int parts, Rows body) {
        if (parts == 1) {
            body.run(0, n);
            return;
        }
        Parallel.range(parts, 1, (lo, hi) -> {
            for (int q = lo; q < hi; q++) body.run(q * n / parts, (q + 1) * n / parts);
        });
    }

    /** The step loop over rows {@code [b0, b1)}, multiplying through {@code rec}. */
    @FunctionalInterface
    interface PartLoop<R> {
        void run(int b0, int b1, R rec);
    }

    /**
     * As {@link #run(int, int, Rows)} for loops that multiply by weights staged once: a whole loop
     * uses {@code whole} itself, each part its own {@code part.apply(rows)} over the same weights
     * (closed after it), e.g. {@link RnnKernelsGemm#share()}.
     */
    static <R extends StepProducts> void run(int n, int parts, R whole, IntFunction<R> part, PartLoop<R> body) {
        if (parts == 1) {
            body.run(0, n, whole);
            return;
        }
        run(n, parts, (b0, b1) -> {
            try (R mine = part.apply(b1 - b0)) {
                body.run(b0, b1, mine);
            }
        });
    }
}
