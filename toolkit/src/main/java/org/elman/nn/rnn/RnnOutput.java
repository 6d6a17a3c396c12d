package org.elman.nn.rnn;

import org.elman.tensor.Tensor;

/**
 * What a recurrent layer returns: the output sequence {@code (T, N, H_out)} (zeros at padded steps
 * {@code t >= lengths[n]}) and the final state, taken for each sequence at its own last valid
 * step.
 */
public record RnnOutput(Tensor output, RnnState state) {}
