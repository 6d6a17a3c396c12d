package org.elman.autograd;

import org.elman.tensor.Tensor;

/**
 * The backward rule of a recorded node: given the gradients of its outputs (an entry is
 * {@code null} when that output received no gradient; treat it as zeros), return the gradients of
 * its inputs in input order ({@code null} for inputs that need none).
 */
@FunctionalInterface
public interface BackwardFn {
    Tensor[] apply(Tensor[] gradOutputs);
}
