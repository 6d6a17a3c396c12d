package org.elman.backend.cpu;

import org.bytedeco.javacpp.FloatPointer;

/**
 * One user's pointers to a weight matrix staged off-heap: the plain row-major W and, where they
 * were made, its column-block copies ({@link BlockedWeights}, of W and of W^T). The products move
 * a pointer's position while they run, so each thread multiplying by shared weights (the parts of
 * a batch) needs its own pointers; the memory behind them is shared and not freed here.
 */
final class WeightCursors {
    private final FloatPointer plain;
    private final BlockedWeights blocked;
    private FloatPointer plainCursor;
    private FloatPointer blocksCursor;
    private FloatPointer transposedCursor;

    /** Over {@code plain} and, when not null, {@code blocked}. */
    WeightCursors(FloatPointer plain, BlockedWeights blocked) {
        this.plain = plain;
        this.blocked = blocked;
    }

    /**
     * {@code C = A op(W) + beta C} for A {@code (m, k)} and C {@code (m, nOut)} at their positions:
     * through the column blocks when they were made ({@link SmallGemm#productBlocked}), else the plain W.
     */
    void product(boolean transW, int m, int nOut, int k, float beta, FloatPointer a, FloatPointer c) {
        if (blocked != null) SmallGemm.productBlocked(m, nOut, k, beta, a, forProduct(transW), c);
        else SmallGemm.product(transW, m, nOut, k, beta, a, plain(), c);
    }

    /** The plain W, positioned at 0. */
    FloatPointer plain() {
        if (plainCursor == null) plainCursor = new FloatPointer(plain);
        return plainCursor.position(0);
    }

    /** The column blocks of W^T ({@code transW}) or of W, positioned at 0; only when blocked. */
    private FloatPointer forProduct(boolean transW) {
        if (transW) {
            if (transposedCursor == null) transposedCursor = new FloatPointer(blocked.forTimesTransposed());
            return transposedCursor.position(0);
        }
        if (blocksCursor == null) blocksCursor = new FloatPointer(blocked.forTimes());
        return blocksCursor.position(0);
    }
}
