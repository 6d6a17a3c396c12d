package org.elman.nn;

import org.elman.tensor.Tensor;

/**
 * A module with one input and one output, the kind {@link Sequential} chains. Recurrent layers
 * follow {@link org.elman.nn.rnn.Recurrent} instead (they take lengths and carry state).
 */
@FunctionalInterface
public interface Layer {
    Tensor forward(Tensor x);
}
