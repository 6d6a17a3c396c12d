package org.elman.ctc;

import org.elman.tensor.Tensor;

/**
 * What {@link CtcLoss#compute} returns.
 *
 * @param losses   per-sequence negative log-likelihoods {@code (N)} before reduction (after zeroInfinity)
 * @param loss     the reduced loss ({@link CtcOptions.Reduction#NONE}: the sum of {@code losses})
 * @param gradient {@code (T, N, V)} gradient of {@code loss} w.r.t. the input (w.r.t. the logits or the
 *                 log-probs, as {@link CtcOptions#input()} says); zero on padded frames; {@code null}
 *                 when gradients were switched off
 */
public record CtcResult(float[] losses, double loss, Tensor gradient) {}
