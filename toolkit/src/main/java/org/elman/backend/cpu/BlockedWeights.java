package org.elman.backend.cpu;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A recurrent weight {@code W (rows, cols)} and its off-heap copies in {@link
 * SmallGemm#columnBlocks} layout for {@link SmallGemm#productBlocked}: of W (for {@code A W}) and
 * of {@code W^T} (for {@code A W^T}), each made on first use, since a layer call usually needs
 * only one of them (the forward pass the transpose, the backward pass W). {@link #close()} frees
 * them. The getters may be called from several threads (the copies are made once); callers
 * that move a returned pointer's position concurrently need their own pointer to it.
 */
final class BlockedWeights implements AutoCloseable {
    private final float[] w;
    private final int rows;
    private final int cols;
    private FloatPointer blocks;
    private FloatPointer transposedBlocks;

    /** Copies {@code W}, row-major at {@code w[off..]}. */
    BlockedWeights(float[] w, int off, int rows, int cols) {
        this.w = Arrays.copyOfRange(w, off, off + rows * cols);
        this.rows = rows;
        this.cols = cols;
    }

    /** {@code W (rows, cols)} in column blocks, positioned at 0. */
    synchronized FloatPointer forTimes() {
        if (blocks == null) blocks = SmallGemm.stageBlocks(w, rows, cols);
        return blocks.position(0);
    }

    /** {@code W^T (cols, rows)} in column blocks, positioned at 0. */
    synchronized FloatPointer forTimesTransposed() {
        if (transposedBlocks == null) {
            float[] blocks = new float[rows * cols];
            SmallGemm.transposedBlocksInto(w, 0, rows, cols, blocks, cols, 0);
            transposedBlocks = SmallGemm.stage(blocks);
        }
        return transposedBlocks.position(0);
    }

    @Override
    public void close() {
        if (blocks != null) blocks.close();
        if (transposedBlocks != null) transposedBlocks.close();
        blocks = null;
        transposedBlocks = null;
    }
}
