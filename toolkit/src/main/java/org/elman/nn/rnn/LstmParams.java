package org.elman.nn.rnn;

import org.elman.tensor.Tensor;

/**
 * The parameter tensors of one LSTM direction in PyTorch's layout: {@code wIh (4H, F)}, {@code
 * wHh (4H, H)}, {@code bIh (4H)}, {@code bHh (4H)} with gate blocks in the order i, f, g, o, and
 * the optional peephole weights {@code peep (3, H)} = {@code [p_i, p_f, p_o]} (null without).
 */
record LstmParams(int inputSize, int hiddenSize, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, Tensor peep) {
    Tensor[] asArray() {
        return peep == null ? new Tensor[] {wIh, wHh, bIh, bHh} : new Tensor[] {wIh, wHh, bIh, bHh, peep};
    }
}
