package org.elman.ops;

import org.elman.autograd.Graph;
import org.elman.backend.Backends;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/** Differentiable shape operations: reshape, permute, slicing, joining, gathering. */
public final class Reshape {
    private Reshape() {}

    /** Same elements, new shape (one entry may be -1); shares storage. */
    public static Tensor reshape(Tensor x, int... shape) {
        Tensor out = x.view(shape);
        if (!Graph.needsGrad(x)) return out;
        Tensor tracked = Tensor.wrap(out.data(), out.offset(), out.shape());
        int[] s = x.shape();
        return Graph.record1("reshape", tracked, g -> new Tensor[] {g[0].view(s)}, x);
    }

    public static Tensor transpose(Tensor x, int a, int b) {
        int[] order = new int[x.dim()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        int aa = Shapes.axis(a, order.length);
        int bb = Shapes.axis(b, order.length);
        order[aa] = bb;
        order[bb] = aa;
        return permute(x, order);
    }

    /** Reorders axes ({@code out.shape[i] = x.shape[order[i]]}); copies into contiguous storage. */
    public static Tensor permute(Tensor x, int... order) {
        int[] s = x.shape();
        if (order.length != s.length) throw new IllegalArgumentException("permute: order of rank " + order.length + " for shape " + Shapes.str(s));
        int[] inverse = new int[order.length];
        boolean[] seen = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            int o = Shapes.axis(order[i], order.length);
            if (seen[o]) throw new IllegalArgumentException("permute: axis " + o + " repeated");
            seen[o] = true;
            inverse[o] = i;
        }
        Tensor out = permuteCopy(x, order);
        return Graph.record1("permute", out, g -> new Tensor[] {permuteCopy(g[0], inverse)}, x);
    }

    /** A contiguous copy with axes reordered: output element i reads the source at its strided position. */
    private static Tensor permuteCopy(Tensor x, int[] order) {
        int[] s = x.shape();
        int[] st = Shapes.strides(s);
        int rank = s.length;
        int[] os = new int[rank];
        int[] srcStride = new int[rank];
        for (int i = 0; i < rank; i++) {
            os[i] = s[order[i]];
            srcStride[i] = st[order[i]];
        }
        Tensor out = Tensor.zeros(os);
        float[] src = x.data();
        float[] dst = out.data();
        int[] idx = new int[rank];
        int at = x.offset();
        for (int i = 0; i < dst.length; i++) {
            dst[i] = src[at];
            for (int d = rank - 1; d >= 0; d--) {
                at += srcStride[d];
                if (++idx[d] < os[d]) break;
                at -= srcStride[d] * os[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    /** Elements {@code [start, start + length)} along an axis. */
    public static Tensor narrow(Tensor x, int axis, int start, int length) {
        int[] s = x.shape();
        int ax = Shapes.axis(axis, s.length);
        if (start < 0 || length < 0 || start + length > s[ax]) {
            throw new IndexOutOfBoundsException("narrow [" + start + ", " + (start + length) + ") of axis " + ax + " of " + Shapes.str(s));
        }
        int outer = Shapes.prod(s, 0, ax);
        int inner = Shapes.prod(s, ax + 1, s.length);
        int[] os = s.clone();
        os[ax] = length;
        Tensor out = Tensor.zeros(os);
        copyBlocks(x.data(), x.offset() + start * inner, s[ax] * inner, out.data(), 0, length * inner, length * inner, outer);
        return Graph.record1("narrow", out, g -> {
            Tensor gx = Tensor.zeros(s);
            copyBlocks(g[0].data(), g[0].offset(), length * inner, gx.data(), start * inner, s[ax] * inner, length * inner, outer);
            return new Tensor[] {gx};
        }, x);
    }

    /** Index {@code i} of an axis, which is removed. */
    public static Tensor select(Tensor x, int axis, int index) {
        int ax = Shapes.axis(axis, x.dim());
        return reshape(narrow(x, ax, index, 1), Reduce.droppedShape(x.shape(), ax));
    }

    /** Joins tensors along an existing axis; all other sizes must agree. */
    public static Tensor concat(int axis, Tensor... xs) {
        int[] s0 = xs[0].shape();
        int ax = Shapes.axis(axis, s0.length);
        int total = 0;
        for (Tensor t : xs) {
            int[] s = t.shape();
            s[ax] = s0[ax];
            if (!java.util.Arrays.equals(s, s0)) {
                throw new IllegalArgumentException("concat: shape " + Shapes.str(t.shape()) + " does not match " + Shapes.str(s0) + " off axis " + ax);
            }
            total += t.size(ax);
        }
        int outer = Shapes.prod(s0, 0, ax);
        int inner = Shapes.prod(s0, ax + 1, s0.length);
        int[] os = s0.clone();
        os[ax] = total;
        Tensor out = Tensor.zeros(os);
        int at = 0;
        for (Tensor t : xs) {
            int len = t.size(ax) * inner;
            copyBlocks(t.data(), t.offset(), len, out.data(), at, total * inner, len, outer);
            at += len;
        }
        return Graph.record1("concat", out, g -> {
            Tensor[] gs = new Tensor[xs.length];
            int from = 0;
            for (int i = 0; i < xs.length; i++) {
                int len = xs[i].size(ax);
                gs[i] = narrowUntracked(g[0], ax, from, len);
                from += len;
            }
            return gs;
        }, xs);
    }

    /** Splits along an axis into pieces of the given sizes. */
    public static Tensor[] split(Tensor x, int axis, int... sizes) {
        int ax = Shapes.axis(axis, x.dim());
        int sum = 0;
        for (int s : sizes) sum += s;
        if (sum != x.size(ax)) throw new IllegalArgumentException("split: sizes add to " + sum + ", axis " + ax + " has " + x.size(ax));
        Tensor[] out = new Tensor[sizes.length];
        int from = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = narrow(x, ax, from, sizes[i]);
            from += sizes[i];
        }
        return out;
    }

    /** Stacks equal-shaped tensors along a new axis. */
    public static Tensor stack(int axis, Tensor... xs) {
        int[] s = xs[0].shape();
        int ax = axis < 0 ? axis + s.length + 1 : axis;
        int[] withOne = new int[s.length + 1];
        for (int i = 0, j = 0; i < withOne.length; i++) withOne[i] = i == ax ? 1 : s[j++];
        Tensor[] expanded = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            Shapes.require("stack operand " + i, xs[i].shape(), s);
            expanded[i] = reshape(xs[i], withOne);
        }
        return concat(ax, expanded);
    }

    /** Rows of {@code x} (along axis 0) picked by index: {@code out[i] = x[idx[i]]} (embedding lookup). */
    public static Tensor indexSelect(Tensor x, int[] idx) {
        int[] s = x.shape();
        int rowLen = Shapes.prod(s, 1, s.length);
        for (int i : idx) {
            if (i < 0 || i >= s[0]) throw new IndexOutOfBoundsException("index " + i + " out of range for " + s[0] + " rows");
        }
        int[] os = s.clone();
        os[0] = idx.length;
        Tensor out = Tensor.zeros(os);
        Backends.current().gatherRows(x.data(), x.offset(), rowLen, idx, out.data(), 0);
        return Graph.record1("index_select", out, g -> {
            Tensor gx = Tensor.zeros(s);
            Backends.current().scatterAddRows(g[0].data(), g[0].offset(), rowLen, idx, gx.data(), 0);
            return new Tensor[] {gx};
        }, x);
    }

    /** Untracked narrow, used in backward rules. */
    static Tensor narrowUntracked(Tensor x, int ax, int start, int length) {
        int[] s = x.shape();
        int outer = Shapes.prod(s, 0, ax);
        int inner = Shapes.prod(s, ax + 1, s.length);
        int[] os = s.clone();
        os[ax] = length;
        Tensor out = Tensor.zeros(os);
        copyBlocks(x.data(), x.offset() + start * inner, s[ax] * inner, out.data(), 0, length * inner, length * inner, outer);
        return out;
    }

    private static void copyBlocks(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int len, int count) {
        for (int b = 0; b < count; b++) System.arraycopy(src, srcOff + b * srcStride, dst, dstOff + b * dstStride, len);
    }
}
