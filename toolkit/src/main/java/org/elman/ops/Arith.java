package org.elman.ops;

import java.util.Arrays;
import org.elman.autograd.Graph;
import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.elman.backend.BinaryOp;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/** Differentiable elementwise arithmetic with numpy broadcasting. */
public final class Arith {
    private Arith() {}

    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = apply(BinaryOp.ADD, a, b);
        return Graph.record1("add", out, g -> new Tensor[] {
                Reduce.sumTo(g[0], a.shape()), Reduce.sumTo(g[0], b.shape())}, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = apply(BinaryOp.SUB, a, b);
        return Graph.record1("sub", out, g -> new Tensor[] {
                Reduce.sumTo(g[0], a.shape()), Reduce.sumTo(mulScalar(g[0], -1f), b.shape())}, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = apply(BinaryOp.MUL, a, b);
        return Graph.record1("mul", out, g -> new Tensor[] {
                a.requiresGrad() ? Reduce.sumTo(apply(BinaryOp.MUL, g[0], b), a.shape()) : null,
                b.requiresGrad() ? Reduce.sumTo(apply(BinaryOp.MUL, g[0], a), b.shape()) : null}, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = apply(BinaryOp.DIV, a, b);
        return Graph.record1("div", out, g -> {
            Tensor ga = apply(BinaryOp.DIV, g[0], b);
            Tensor gb = b.requiresGrad() ? Reduce.sumTo(mulScalar(apply(BinaryOp.MUL, ga, out), -1f), b.shape()) : null;
            return new Tensor[] {Reduce.sumTo(ga, a.shape()), gb};
        }, a, b);
    }

    /** Elementwise maximum; the gradient goes to {@code a} where {@code a >= b}. */
    public static Tensor maximum(Tensor a, Tensor b) {
        Tensor out = apply(BinaryOp.MAX, a, b);
        return Graph.record1("maximum", out, g -> {
            Tensor mask = map(apply(BinaryOp.SUB, a, b), v -> v >= 0 ? 1f : 0f);
            Tensor ga = apply(BinaryOp.MUL, g[0], mask);
            Tensor gb = apply(BinaryOp.SUB, g[0], ga);
            return new Tensor[] {Reduce.sumTo(ga, a.shape()), Reduce.sumTo(gb, b.shape())};
        }, a, b);
    }

    public static Tensor addScalar(Tensor a, float c) {
        Tensor out = map(a, v -> v + c);
        return Graph.record1("add_scalar", out, g -> new Tensor[] {g[0]}, a);
    }

    public static Tensor mulScalar(Tensor a, float c) {
        Tensor out = map(a, v -> v * c);
        return Graph.record1("mul_scalar", out, g -> new Tensor[] {map(g[0], v -> v * c)}, a);
    }

    /** {@code a^p} elementwise for a constant exponent. */
    public static Tensor pow(Tensor a, float p) {
        Tensor out = map(a, v -> (float) Math.pow(v, p));
        return Graph.record1("pow", out, g -> new Tensor[] {
                apply(BinaryOp.MUL, g[0], map(a, v -> p * (float) Math.pow(v, p - 1)))}, a);
    }

    /** Clamps into {@code [lo, hi]}; the gradient passes only where the input was inside. */
    public static Tensor clamp(Tensor a, float lo, float hi) {
        Tensor out = map(a, v -> Math.max(lo, Math.min(hi, v)));
        return Graph.record1("clamp", out, g -> new Tensor[] {
                apply(BinaryOp.MUL, g[0], map(a, v -> v >= lo && v <= hi ? 1f : 0f))}, a);
    }

    /** Untracked elementwise {@code op(a, b)} with broadcasting, through the backend. */
    public static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        Backend be = Backends.current();
        int[] as = a.shape();
        int[] bs = b.shape();
        if (Arrays.equals(as, bs)) {
            Tensor out = Tensor.zeros(as);
            be.binary(op, a.data(), a.offset(), b.data(), b.offset(), out.data(), 0, out.numel());
            return out;
        }
        int[] shape = Shapes.broadcast(as, bs);
        Tensor out = Tensor.zeros(shape);
        be.binaryStrided(op, shape, a.data(), a.offset(), Shapes.broadcastStrides(as, shape),
                b.data(), b.offset(), Shapes.broadcastStrides(bs, shape), out.data());
        return out;
    }

    /** A scalar function of one float. */
    @FunctionalInterface
    public interface FloatFn {
        float apply(float v);
    }

    /** Untracked elementwise map into a new tensor. */
    public static Tensor map(Tensor a, FloatFn f) {
        float[] d = a.data();
        int off = a.offset();
        float[] out = new float[a.numel()];
        for (int i = 0; i < out.length; i++) out[i] = f.apply(d[off + i]);
        return Tensor.of(out, a.shape());
    }
}
