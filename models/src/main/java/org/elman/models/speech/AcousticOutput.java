package org.elman.models.speech;

import org.elman.tensor.Tensor;

/**
 * What an {@link AcousticModel} returns offline.
 *
 * @param logProbs {@code (T', N, V)} log-probabilities (log-softmax over V; blank included)
 * @param lengths  valid output frames per sequence
 */
public record AcousticOutput(Tensor logProbs, int[] lengths) {}
