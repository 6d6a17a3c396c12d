package org.elman.nn.rnn;

import java.util.Locale;
import org.elman.ops.Unary;
import org.elman.tensor.Tensor;

/** The elementwise nonlinearities the Elman-family layers accept, each a differentiable op. */
public enum Activation {
    TANH,
    RELU,
    SIGMOID,
    /** No nonlinearity: {@code g(z) = z} (logits from an output layer). */
    IDENTITY;

    /** {@code act(x)}, recorded for backward when {@code x} requires gradients. */
    public Tensor apply(Tensor x) {
        return switch (this) {
            case TANH -> Unary.tanh(x);
            case RELU -> Unary.relu(x);
            case SIGMOID -> Unary.sigmoid(x);
            case IDENTITY -> x;
        };
    }

    /** Parses {@code "tanh"}, {@code "relu"}, {@code "sigmoid"} or {@code "identity"} (any case). */
    public static Activation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; expected tanh, relu, sigmoid or identity", e);
        }
    }
}
