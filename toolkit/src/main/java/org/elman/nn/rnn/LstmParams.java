package org.elman.nn.rnn;

import org.elman.tensor.Tensor;

/**
 * The parameter tensors of one LSTM direction in PyTorch's layout: {@code wIh (4H, F)}, {@code
 * wHh (4H, H)}, {@code bIh (4H)}, {@code bHh (4H)} with gate blocks in the order i, f, g, o, and
 * the optional peephole weights {@code peep (3, H)} = {@code [p_i, p_f, p_o]} (null without).
 */
record LstmParams(int inputSize, int hiddenSize, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, Tensor peep) {
    /** The autograd inputs of a fused LSTM node: {@code x, h0, c0}, then the parameters. */
    Tensor[] graphInputs(Tensor x, Tensor h0, Tensor c0) {
        Tensor[] params = asArray();
        Tensor[] inputs = new Tensor[3 + params.length];
        inputs[0] = x;
        inputs[1] = h0;
        inputs[2] = c0;
        System.arraycopy(params, 0, inputs, 3, params.length);
        return inputs;
    }

    Tensor[] asArray() {
        return peep == null ? new Tensor[] {wIh, wHh, bIh, bHh} : new Tensor[] {wIh, wHh, bIh, bHh, peep};
    }
}
