package org.elman.nn.rnn;

import org.elman.tensor.Tensor;

/**
 * The parameter tensors of one GRU direction in PyTorch's layout: {@code wIh (3H, F)}, {@code wHh
 * (3H, H)}, {@code bIh (3H)}, {@code bHh (3H)}, gate blocks in the order r, z, n.
 */
record GruParams(int inputSize, int hiddenSize, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    Tensor[] asArray() {
        return new Tensor[] {wIh, wHh, bIh, bHh};
    }
}
