package org.elman.ops;

import org.elman.autograd.Graph;
import org.elman.backend.Backends;
import org.elman.backend.BinaryOp;
import org.elman.backend.UnaryOp;
import org.elman.tensor.Tensor;

/** Differentiable elementwise functions and activations. */
public final class Unary {
    private Unary() {}

    public static Tensor exp(Tensor x) {
        Tensor y = apply(UnaryOp.EXP, x);
        return Graph.record1("exp", y, g -> new Tensor[] {Arith.apply(BinaryOp.MUL, g[0], y)}, x);
    }

    public static Tensor log(Tensor x) {
        Tensor y = apply(UnaryOp.LOG, x);
        return Graph.record1("log", y, g -> new Tensor[] {Arith.apply(BinaryOp.DIV, g[0], x)}, x);
    }

    public static Tensor tanh(Tensor x) {
        Tensor y = apply(UnaryOp.TANH, x);
        return Graph.record1("tanh", y, g -> new Tensor[] {Arith.apply(BinaryOp.TANH_BACKWARD, g[0], y)}, x);
    }

    public static Tensor sigmoid(Tensor x) {
        Tensor y = apply(UnaryOp.SIGMOID, x);
        return Graph.record1("sigmoid", y, g -> new Tensor[] {Arith.apply(BinaryOp.SIGMOID_BACKWARD, g[0], y)}, x);
    }

    public static Tensor relu(Tensor x) {
        Tensor y = apply(UnaryOp.RELU, x);
        return Graph.record1("relu", y, g -> new Tensor[] {Arith.apply(BinaryOp.RELU_BACKWARD, g[0], y)}, x);
    }

    public static Tensor sqrt(Tensor x) {
        Tensor y = apply(UnaryOp.SQRT, x);
        return Graph.record1("sqrt", y, g -> new Tensor[] {
                Arith.apply(BinaryOp.DIV, g[0], Arith.map(y, v -> 2f * v))}, x);
    }

    public static Tensor abs(Tensor x) {
        Tensor y = apply(UnaryOp.ABS, x);
        return Graph.record1("abs", y, g -> new Tensor[] {
                Arith.apply(BinaryOp.MUL, g[0], Arith.map(x, v -> Math.signum(v)))}, x);
    }

    /** {@code max(x, slope * x)}. */
    public static Tensor leakyRelu(Tensor x, float slope) {
        Tensor y = Arith.map(x, v -> v > 0 ? v : slope * v);
        return Graph.record1("leaky_relu", y, g -> new Tensor[] {
                Arith.apply(BinaryOp.MUL, g[0], Arith.map(x, v -> v > 0 ? 1f : slope))}, x);
    }

    /** Untracked {@code op(x)} through the backend. */
    public static Tensor apply(UnaryOp op, Tensor x) {
        Tensor y = Tensor.zeros(x.shape());
        Backends.current().unary(op, x.data(), x.offset(), y.data(), 0, x.numel());
        return y;
    }
}
