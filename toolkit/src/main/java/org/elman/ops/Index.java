package org.elman.ops;

import org.elman.autograd.Graph;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/** Differentiable indexing by integer arrays ({@code torch.gather} semantics). */
public final class Index {
    private Index() {}

    /**
     * {@code out[..., j, ...] = x[..., index[..., j, ...], ...]} along {@code axis}: {@code index}
     * has the shape of the output, which equals {@code x}'s shape except on {@code axis}, where it
     * may be any size. Flattened row-major like the output. Gradients scatter-add back into x.
     *
     * @param indexShape the output shape (x's shape with {@code axis} resized)
     */
    public static Tensor gather(Tensor x, int axis, int[] index, int... indexShape) {
        int[] s = x.shape();
        int ax = Shapes.axis(axis, s.length);
        if (indexShape.length != s.length) {
            throw new IllegalArgumentException("gather: index shape " + Shapes.str(indexShape) + " has another rank than " + Shapes.str(s));
        }
        for (int d = 0; d < s.length; d++) {
            if (d != ax && indexShape[d] != s[d]) {
                throw new IllegalArgumentException("gather: index shape " + Shapes.str(indexShape) + " differs from " + Shapes.str(s) + " off axis " + ax);
            }
        }
        if (index.length != Shapes.numel(indexShape)) {
            throw new IllegalArgumentException("gather: " + index.length + " indices for shape " + Shapes.str(indexShape));
        }
        int inner = Shapes.prod(s, ax + 1, s.length);
        int len = s[ax];
        int outLen = indexShape[ax];
        int[] source = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            int k = index[i];
            if (k < 0 || k >= len) throw new IndexOutOfBoundsException("gather: index " + k + " out of range for axis of size " + len);
            int o = i / (outLen * inner);
            int in = i % inner;
            source[i] = (o * len + k) * inner + in;
        }
        float[] xd = x.data();
        float[] out = new float[index.length];
        for (int i = 0; i < out.length; i++) out[i] = xd[x.offset() + source[i]];
        Tensor y = Tensor.of(out, indexShape);
        return Graph.record1("gather", y, g -> {
            Tensor gx = Tensor.zeros(s);
            float[] gd = g[0].data();
            for (int i = 0; i < source.length; i++) gx.data()[source[i]] += gd[g[0].offset() + i];
            return new Tensor[] {gx};
        }, x);
    }
}
