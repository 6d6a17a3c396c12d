package org.elman.ops;

import org.elman.autograd.Graph;
import org.elman.backend.cpu.Parallel;
import org.elman.ops.Conv.Window2d;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Differentiable max and average pooling over images {@code (N, C, H, W)} and over the time axis
 * of time-major sequences {@code (T, N, F)}. Both run one kernel over "planes" addressed with
 * strides, so time pooling needs no transpose. Output sizes follow {@link Window2d}.
 */
public final class Pool {
    private Pool() {}

    /**
     * Independent 2-d grids inside one array: plane p, row y, column x lives at
     * {@code p * planeStride + y * rowStride + x * colStride}.
     */
    private record Grid(int planes, int h, int w, int planeStride, int rowStride, int colStride) {
        int at(int p, int y, int x) {
            return p * planeStride + y * rowStride + x * colStride;
        }

        static Grid image(int planes, int h, int w) {
            return new Grid(planes, h, w, h * w, w, 1);
        }

        /** Frames of a (T, N, F) sequence: one plane per (n, f), rows are frames. */
        static Grid time(int t, int nf) {
            return new Grid(nf, t, 1, 1, nf, 1);
        }
    }

    /**
     * Max over each window; padded positions never win. The gradient goes to the (first) maximal
     * input of each window. {@code (N, C, H, W) -> (N, C, H', W')}.
     */
    public static Tensor maxPool2d(Tensor x, Window2d w) {
        checkPadding(w);
        int[] o = w.outputSize(x, "max pool");
        int[] s = x.shape();
        return max(x, w, Grid.image(s[0] * s[1], s[2], s[3]), Grid.image(s[0] * s[1], o[0], o[1]), new int[] {s[0], s[1], o[0], o[1]});
    }

    /**
     * Mean over each window {@code (N, C, H, W) -> (N, C, H', W')}. With {@code countIncludePad}
     * (PyTorch's default) the divisor is always {@code kh * kw}; otherwise it is the number of
     * window positions inside the image. Dilation must be 1.
     */
    public static Tensor avgPool2d(Tensor x, Window2d w, boolean countIncludePad) {
        checkPadding(w);
        if (w.dh() != 1 || w.dw() != 1) throw new IllegalArgumentException("average pooling does not support dilation, got (" + w.dh() + ", " + w.dw() + ")");
        int[] o = w.outputSize(x, "average pool");
        int[] s = x.shape();
        return avg(x, w, Grid.image(s[0] * s[1], s[2], s[3]), Grid.image(s[0] * s[1], o[0], o[1]),
                new int[] {s[0], s[1], o[0], o[1]}, countIncludePad);
    }

    /** Mean over H and W: {@code (N, C, H, W) -> (N, C)}. */
    public static Tensor globalAvgPool2d(Tensor x) {
        if (x.dim() != 4) throw new IllegalArgumentException("global average pool expects (N, C, H, W) input, got " + Shapes.str(x.shape()));
        return Reduce.mean(Reshape.reshape(x, x.size(0), x.size(1), -1), 2, false);
    }

    /** Max over windows of {@code kernel} frames every {@code stride} frames: {@code (T, N, F) -> (T', N, F)}, no padding. */
    public static Tensor maxPoolTime(Tensor x, int kernel, int stride) {
        Window2d w = timeWindow(kernel, stride);
        int t = checkTime(x, w, "max pool over time");
        int nf = x.size(1) * x.size(2);
        int outT = w.outH(x.size(0));
        return max(x, w, Grid.time(t, nf), Grid.time(outT, nf), new int[] {outT, x.size(1), x.size(2)});
    }

    /** Mean over windows of {@code kernel} frames every {@code stride} frames: {@code (T, N, F) -> (T', N, F)}, no padding. */
    public static Tensor avgPoolTime(Tensor x, int kernel, int stride) {
        Window2d w = timeWindow(kernel, stride);
        int t = checkTime(x, w, "average pool over time");
        int nf = x.size(1) * x.size(2);
        int outT = w.outH(x.size(0));
        return avg(x, w, Grid.time(t, nf), Grid.time(outT, nf), new int[] {outT, x.size(1), x.size(2)}, true);
    }

    private static Window2d timeWindow(int kernel, int stride) {
        return new Window2d(kernel, 1, stride, 1, 0, 0, 1, 1);
    }

    private static int checkTime(Tensor x, Window2d w, String what) {
        if (x.dim() != 3) throw new IllegalArgumentException(what + " expects (T, N, F) input, got " + Shapes.str(x.shape()));
        if (x.size(0) < w.kh()) throw new IllegalArgumentException(what + ": " + x.size(0) + " frames are fewer than the kernel of " + w.kh());
        return x.size(0);
    }

    private static void checkPadding(Window2d w) {
        if (2 * w.ph() > w.kh() || 2 * w.pw() > w.kw()) {
            throw new IllegalArgumentException("pooling padding (" + w.ph() + ", " + w.pw() + ") must be at most half the kernel ("
                    + w.kh() + ", " + w.kw() + ")");
        }
    }

    private static Tensor max(Tensor x, Window2d w, Grid in, Grid out, int[] outShape) {
        Tensor y = Tensor.zeros(outShape);
        int[] argmax = new int[y.numel()];
        Parallel.range(in.planes(), 1, (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                for (int i = 0; i < out.h(); i++) {
                    for (int j = 0; j < out.w(); j++) argmax[out.at(p, i, j)] = argmaxWindow(w, in, p, i, j, x.data(), x.offset());
                }
            }
        });
        float[] yd = y.data();
        for (int q = 0; q < argmax.length; q++) yd[q] = argmax[q] < 0 ? Float.NEGATIVE_INFINITY : x.data()[x.offset() + argmax[q]];
        int[] xs = x.shape();
        return Graph.record1("max_pool", y, g -> {
            Tensor gx = Tensor.zeros(xs);
            float[] gd = g[0].data();
            int go = g[0].offset();
            float[] gxd = gx.data();
            for (int q = 0; q < argmax.length; q++) if (argmax[q] >= 0) gxd[argmax[q]] += gd[go + q];
            return new Tensor[] {gx};
        }, x);
    }

    /** Position (relative to the tensor's offset) of the first maximum in window (i, j) of plane p; -1 if all padding. */
    private static int argmaxWindow(Window2d w, Grid in, int p, int i, int j, float[] xd, int xo) {
        int best = -1;
        for (int u = 0; u < w.kh(); u++) {
            int yy = i * w.sh() - w.ph() + u * w.dh();
            if (yy < 0 || yy >= in.h()) continue;
            for (int v = 0; v < w.kw(); v++) {
                int xx = j * w.sw() - w.pw() + v * w.dw();
                if (xx < 0 || xx >= in.w()) continue;
                int at = in.at(p, yy, xx);
                if (best < 0 || xd[xo + at] > xd[xo + best]) best = at;
            }
        }
        return best;
    }

    private static Tensor avg(Tensor x, Window2d w, Grid in, Grid out, int[] outShape, boolean countIncludePad) {
        Tensor y = Tensor.zeros(outShape);
        float[] divisor = divisors(w, in, out, countIncludePad);
        windows(w, in, out, x.data(), x.offset(), y.data(), 0, divisor, false);
        int[] xs = x.shape();
        return Graph.record1("avg_pool", y, g -> {
            Tensor gx = Tensor.zeros(xs);
            windows(w, in, out, gx.data(), 0, g[0].data(), g[0].offset(), divisor, true);
            return new Tensor[] {gx};
        }, x);
    }

    /** The divisor of each output position within a plane (same for every plane). */
    private static float[] divisors(Window2d w, Grid in, Grid out, boolean countIncludePad) {
        float[] d = new float[out.h() * out.w()];
        for (int i = 0; i < out.h(); i++) {
            for (int j = 0; j < out.w(); j++) {
                int rows = overlap(i * w.sh() - w.ph(), w.kh(), in.h());
                int cols = overlap(j * w.sw() - w.pw(), w.kw(), in.w());
                d[i * out.w() + j] = countIncludePad ? w.kh() * w.kw() : rows * cols;
            }
        }
        return d;
    }

    private static int overlap(int start, int k, int n) {
        return Math.max(0, Math.min(start + k, n) - Math.max(start, 0));
    }

    /** Forward: {@code y = sum(window of x) / div}. Backward ({@code back}): adds {@code g / div} onto each window of x. */
    private static void windows(Window2d w, Grid in, Grid out, float[] xd, int xo, float[] yd, int yo, float[] div, boolean back) {
        Parallel.range(in.planes(), 1, (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                for (int i = 0; i < out.h(); i++) {
                    for (int j = 0; j < out.w(); j++) {
                        int oat = yo + out.at(p, i, j);
                        float scale = 1f / div[i * out.w() + j];
                        float gv = back ? yd[oat] * scale : 0f;
                        double sum = 0;
                        for (int u = 0; u < w.kh(); u++) {
                            int yy = i * w.sh() - w.ph() + u;
                            if (yy < 0 || yy >= in.h()) continue;
                            for (int v = 0; v < w.kw(); v++) {
                                int xx = j * w.sw() - w.pw() + v;
                                if (xx < 0 || xx >= in.w()) continue;
                                int at = xo + in.at(p, yy, xx);
                                if (back) xd[at] += gv;
                                else sum += xd[at];
                            }
                        }
                        if (!back) yd[oat] = (float) (sum * scale);
                    }
                }
            }
        });
    }
}
