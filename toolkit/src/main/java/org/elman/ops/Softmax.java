package org.elman.ops;

import org.elman.autograd.Graph;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/** Differentiable softmax and log-softmax over one axis, computed stably (max subtracted). */
public final class Softmax {
    private Softmax() {}

    public static Tensor softmax(Tensor x, int axis) {
        Tensor y = compute(x, axis, false);
        Layout l = new Layout(x.shape(), axis);
        return Graph.record1("softmax", y, g -> {
            // dx = y * (g - sum(g * y))
            Tensor gx = Tensor.zeros(x.shape());
            float[] yd = y.data();
            float[] gd = g[0].data();
            int go = g[0].offset();
            float[] out = gx.data();
            l.forEachLine((base, stride) -> {
                double dot = 0;
                for (int j = 0; j < l.len; j++) dot += gd[go + base + j * stride] * yd[base + j * stride];
                for (int j = 0; j < l.len; j++) {
                    int at = base + j * stride;
                    out[at] = (float) (yd[at] * (gd[go + at] - dot));
                }
            });
            return new Tensor[] {gx};
        }, x);
    }

    public static Tensor logSoftmax(Tensor x, int axis) {
        Tensor y = compute(x, axis, true);
        Layout l = new Layout(x.shape(), axis);
        return Graph.record1("log_softmax", y, g -> {
            // dx = g - softmax * sum(g)
            Tensor gx = Tensor.zeros(x.shape());
            float[] yd = y.data();
            float[] gd = g[0].data();
            int go = g[0].offset();
            float[] out = gx.data();
            l.forEachLine((base, stride) -> {
                double sum = 0;
                for (int j = 0; j < l.len; j++) sum += gd[go + base + j * stride];
                for (int j = 0; j < l.len; j++) {
                    int at = base + j * stride;
                    out[at] = (float) (gd[go + at] - Math.exp(yd[at]) * sum);
                }
            });
            return new Tensor[] {gx};
        }, x);
    }

    private static Tensor compute(Tensor x, int axis, boolean log) {
        Layout l = new Layout(x.shape(), axis);
        Tensor y = Tensor.zeros(x.shape());
        float[] xd = x.data();
        int xo = x.offset();
        float[] yd = y.data();
        l.forEachLine((base, stride) -> {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < l.len; j++) max = Math.max(max, xd[xo + base + j * stride]);
            if (max == Float.NEGATIVE_INFINITY) max = 0f;
            double sum = 0;
            for (int j = 0; j < l.len; j++) sum += Math.exp(xd[xo + base + j * stride] - max);
            double logSum = Math.log(sum) + max;
            for (int j = 0; j < l.len; j++) {
                int at = base + j * stride;
                double v = xd[xo + at] - logSum;
                yd[at] = (float) (log ? v : Math.exp(v));
            }
        });
        return y;
    }

    /** The lines along one axis of a contiguous shape. */
    private static final class Layout {
        final int outer;
        final int len;
        final int inner;

        Layout(int[] shape, int axis) {
            int ax = Shapes.axis(axis, shape.length);
            outer = Shapes.prod(shape, 0, ax);
            len = shape[ax];
            inner = Shapes.prod(shape, ax + 1, shape.length);
        }

        interface Line {
            void run(int base, int stride);
        }

        void forEachLine(Line line) {
            org.elman.backend.cpu.Parallel.range(outer * inner, 256, (lo, hi) -> {
                for (int r = lo; r < hi; r++) line.run((r / inner) * len * inner + r % inner, inner);
            });
        }
    }
}
