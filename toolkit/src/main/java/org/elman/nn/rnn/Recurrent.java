package org.elman.nn.rnn;

import org.elman.tensor.Tensor;

/**
 * A recurrent layer over a time-major batch. Shape legend: T frames, N batch, F input features,
 * H hidden units.
 *
 * <p>Variable-length batches: {@code lengths[n]} is the number of valid steps of sequence n
 * ({@code null} means all T). Padded steps change neither the state nor any gradient, and their
 * outputs are zero.
 */
public interface Recurrent {
    /**
     * @param x       input {@code (T, N, F)}
     * @param lengths valid steps per sequence, each in {@code [0, T]}, or null for all T
     * @param initial state to start from, or null for zeros
     */
    RnnOutput forward(Tensor x, int[] lengths, RnnState initial);

    /** {@code H_out}, the size of the last axis of the output. */
    int outputSize();

    /** Zero initial state for a batch of {@code n}. */
    RnnState zeroState(int n);

    default RnnOutput forward(Tensor x) {
        return forward(x, null, null);
    }
}
