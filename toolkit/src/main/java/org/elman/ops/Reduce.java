package org.elman.ops;

import org.elman.autograd.Graph;
import org.elman.backend.Backend.ReduceOp;
import org.elman.backend.Backends;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/** Differentiable reductions. */
public final class Reduce {
    private Reduce() {}

    /** Sum of all elements, as a one-element tensor of shape (). */
    public static Tensor sum(Tensor x) {
        float s = (float) Backends.current().sum(x.data(), x.offset(), x.numel());
        Tensor out = Tensor.of(new float[] {s});
        return Graph.record1("sum", out, g -> new Tensor[] {Tensor.full(g[0].item(), x.shape())}, x);
    }

    public static Tensor mean(Tensor x) {
        return Arith.mulScalar(sum(x), 1f / Math.max(1, x.numel()));
    }

    /** Sum over one axis. */
    public static Tensor sum(Tensor x, int axis, boolean keepDim) {
        int[] s = x.shape();
        int ax = Shapes.axis(axis, s.length);
        Tensor out = reduce(ReduceOp.SUM, x, ax, keepDim);
        int[] keptShape = keptShape(s, ax);
        return Graph.record1("sum_axis", out, g -> new Tensor[] {
                Arith.apply(org.elman.backend.BinaryOp.ADD, Tensor.zeros(s), g[0].view(keptShape))}, x);
    }

    public static Tensor mean(Tensor x, int axis, boolean keepDim) {
        return Arith.mulScalar(sum(x, axis, keepDim), 1f / x.size(axis));
    }

    /** Maximum over one axis; the gradient flows to the first maximal element. */
    public static Tensor max(Tensor x, int axis, boolean keepDim) {
        int[] s = x.shape();
        int ax = Shapes.axis(axis, s.length);
        Tensor out = reduce(ReduceOp.MAX, x, ax, keepDim);
        int outer = Shapes.prod(s, 0, ax);
        int len = s[ax];
        int inner = Shapes.prod(s, ax + 1, s.length);
        return Graph.record1("max_axis", out, g -> {
            Tensor gx = Tensor.zeros(s);
            float[] xd = x.data();
            float[] gd = g[0].data();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int best = 0;
                    int base = x.offset() + o * len * inner + i;
                    for (int j = 1; j < len; j++) if (xd[base + j * inner] > xd[base + best * inner]) best = j;
                    gx.data()[o * len * inner + best * inner + i] = gd[g[0].offset() + o * inner + i];
                }
            }
            return new Tensor[] {gx};
        }, x);
    }

    /** Untracked reduction of one axis. */
    public static Tensor reduce(ReduceOp op, Tensor x, int axis, boolean keepDim) {
        int[] s = x.shape();
        int ax = Shapes.axis(axis, s.length);
        int outer = Shapes.prod(s, 0, ax);
        int inner = Shapes.prod(s, ax + 1, s.length);
        Tensor out = Tensor.zeros(keepDim ? keptShape(s, ax) : droppedShape(s, ax));
        Backends.current().reduceAxis(op, x.data(), x.offset(), outer, s[ax], inner, out.data(), 0);
        return out;
    }

    /** Untracked: sums a broadcast gradient back down to {@code shape}. */
    public static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (java.util.Arrays.equals(gs, shape)) return g;
        Tensor cur = g;
        int lead = gs.length - shape.length;
        for (int i = 0; i < lead; i++) cur = reduce(ReduceOp.SUM, cur, 0, false);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1 && cur.size(i) != 1) cur = reduce(ReduceOp.SUM, cur, i, true);
        }
        return cur.view(shape);
    }

    /** Untracked: column sums of a {@code rows x cols} matrix (bias gradients). */
    public static Tensor sumRows(Tensor g, int rows, int cols) {
        Tensor out = Tensor.zeros(cols);
        Backends.current().reduceAxis(ReduceOp.SUM, g.data(), g.offset(), 1, rows, cols, out.data(), 0);
        return out;
    }

    static int[] keptShape(int[] s, int ax) {
        int[] k = s.clone();
        k[ax] = 1;
        return k;
    }

    static int[] droppedShape(int[] s, int ax) {
        int[] d = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) if (i != ax) d[j++] = s[i];
        return d;
    }
}
