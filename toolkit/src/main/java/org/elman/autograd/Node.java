package org.elman.autograd;

import org.elman.tensor.Tensor;

/** One recorded operation of the tape: its inputs, its outputs and its backward rule. */
public final class Node {
    private final String name;
    private final Tensor[] inputs;
    private final Tensor[] outputs;
    private final BackwardFn backward;

    Node(String name, Tensor[] inputs, Tensor[] outputs, BackwardFn backward) {
        this.name = name;
        this.inputs = inputs;
        this.outputs = outputs;
        this.backward = backward;
    }

    public String name() {
        return name;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Tensor[] outputs() {
        return outputs;
    }

    BackwardFn backward() {
        return backward;
    }
}
