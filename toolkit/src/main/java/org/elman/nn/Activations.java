package org.elman.nn;

import org.elman.ops.Unary;
import org.elman.tensor.Tensor;

/**
 * Parameter-free elementwise activations as modules, for {@link Sequential}. Any shape in, same
 * shape out. Softmax-type activations over an axis are {@link Softmax} (with a log form).
 */
public final class Activations {
    private Activations() {}

    /** {@code max(x, 0)}. */
    public static final class ReLU extends Module implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return Unary.relu(x);
        }
    }

    /** {@code tanh(x)}. */
    public static final class Tanh extends Module implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return Unary.tanh(x);
        }
    }

    /** {@code 1 / (1 + exp(-x))}. */
    public static final class Sigmoid extends Module implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return Unary.sigmoid(x);
        }
    }

    public static ReLU relu() {
        return new ReLU();
    }

    public static Tanh tanh() {
        return new Tanh();
    }

    public static Sigmoid sigmoid() {
        return new Sigmoid();
    }
}
