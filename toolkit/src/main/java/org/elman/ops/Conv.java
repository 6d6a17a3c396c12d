package org.elman.ops;

import java.util.Arrays;
import org.elman.autograd.Graph;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Differentiable convolutions written as a gather of input patches ("im2col") followed by ONE
 * GEMM ({@link Linalg#linear} for time, {@link Linalg#matmul} for images), so the heavy work runs
 * in BLAS and the backward pass is that product's two GEMMs plus a scatter-add of the patch
 * gradients.
 *
 * <p>Time convolution (the TDNN layer): input {@code x (T, N, F)}, context {@link TimeContext}
 * with K offsets, weight {@code (O, K*F)} whose row holds the K context frames' weights one after
 * another in offset order, output {@code (T', N, O)}:
 * {@code y[j, n, :] = b + W [x[c_j + o_1, n, :]; ...; x[c_j + o_K, n, :]]}.
 *
 * <p>Image convolution: {@code x (N, C, H, W)}, weight {@code (O, C, kh, kw)} (PyTorch layout),
 * output {@code (N, O, H', W')} with the sizes of {@link Window2d}: {@code W (O, C kh kw)} times the
 * patch matrix {@code (C kh kw, N H' W')}, plus bias, with N and O swapped back at the end.
 */
public final class Conv {
    private Conv() {}

    /**
     * Which input frames a time convolution reads. Output frame {@code j} is centred on input
     * frame {@code c_j} and reads frames {@code c_j + offsets[k]}.
     * <ul>
     *   <li>{@code padded == false} ("valid"): only frames whose whole context lies inside the
     *   input are produced; {@code c_j = -offsets[0] + j * stride} and
     *   {@code T' = floor((T - span) / stride) + 1} with {@code span = offsets[K-1] - offsets[0] + 1}.
     *   <li>{@code padded == true} ("same"): {@code c_j = j * stride}, {@code T' = ceil(T / stride)},
     *   frames outside {@code [0, T)} read as zeros.
     * </ul>
     * Offsets must be strictly increasing; they need not be evenly spaced ({@code {-3, 0, 3}},
     * {@code {-1, 0, 1, 4}}). Kernel size k with dilation d is the evenly spaced special case
     * {@link #ofKernel}.
     */
    public record TimeContext(int[] offsets, int stride, boolean padded) {
        public TimeContext {
            if (offsets == null || offsets.length == 0) throw new IllegalArgumentException("time context needs at least one offset");
            offsets = offsets.clone();
            for (int i = 1; i < offsets.length; i++) {
                if (offsets[i] <= offsets[i - 1]) {
                    throw new IllegalArgumentException("context offsets must be strictly increasing, got " + Arrays.toString(offsets));
                }
            }
            if (stride < 1) throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }

        /** Kernel size k with dilation d, centred: offsets {@code (i - (k-1)/2) * d} for i in [0, k). */
        public static TimeContext ofKernel(int kernelSize, int dilation, int stride, boolean padded) {
            if (kernelSize < 1) throw new IllegalArgumentException("kernel size must be >= 1, got " + kernelSize);
            if (dilation < 1) throw new IllegalArgumentException("dilation must be >= 1, got " + dilation);
            int[] o = new int[kernelSize];
            for (int i = 0; i < kernelSize; i++) o[i] = (i - (kernelSize - 1) / 2) * dilation;
            return new TimeContext(o, stride, padded);
        }

        @Override
        public int[] offsets() {
            return offsets.clone();
        }

        public int size() {
            return offsets.length;
        }

        /** Past frames one output needs: {@code max(0, -offsets[0])} (what a streaming caller must keep). */
        public int leftContext() {
            return Math.max(0, -offsets[0]);
        }

        /** Future frames one output needs: {@code max(0, offsets[K-1])} (the layer's look-ahead). */
        public int rightContext() {
            return Math.max(0, offsets[offsets.length - 1]);
        }

        /** Frames spanned by one context window. */
        public int span() {
            return offsets[offsets.length - 1] - offsets[0] + 1;
        }

        /** Number of output frames for {@code t} input frames (0 when valid mode has too few). */
        public int outputLength(int t) {
            if (padded) return (t + stride - 1) / stride;
            return t < span() ? 0 : (t - span()) / stride + 1;
        }

        /** The input frame output frame {@code j} is centred on. */
        public int center(int j) {
            return padded ? j * stride : j * stride - offsets[0];
        }
    }

    /**
     * Stacks each output frame's context frames: {@code (T, N, F) -> (T', N, K*F)}. This is the
     * "splice" of Kaldi's TDNN; its gradient scatter-adds back onto the frames read.
     */
    public static Tensor unfoldTime(Tensor x, TimeContext ctx) {
        if (x.dim() != 3) throw new IllegalArgumentException("time convolution expects (T, N, F) input, got " + Shapes.str(x.shape()));
        int t = x.size(0);
        int n = x.size(1);
        int f = x.size(2);
        int outT = ctx.outputLength(t);
        if (outT == 0) {
            throw new IllegalArgumentException("input of " + t + " frames is shorter than the context span of " + ctx.span()
                    + " frames " + Arrays.toString(ctx.offsets) + " (use padding or a longer input)");
        }
        int k = ctx.size();
        Tensor cols = Tensor.zeros(outT, n, k * f);
        timeCopy(ctx, t, n, f, outT, x.data(), x.offset(), cols.data(), 0, false);
        return Graph.record1("unfold_time", cols, g -> {
            Tensor gx = Tensor.zeros(t, n, f);
            timeCopy(ctx, t, n, f, outT, gx.data(), 0, g[0].data(), g[0].offset(), true);
            return new Tensor[] {gx};
        }, x);
    }

    /** Copies context frames into cols ({@code back == false}) or adds cols back onto frames. */
    private static void timeCopy(TimeContext ctx, int t, int n, int f, int outT,
                                 float[] xd, int xo, float[] cd, int co, boolean back) {
        int k = ctx.size();
        int[] off = ctx.offsets;
        // Backward: output frames overlap in the input, so split the work by sequence n instead.
        Parallel.range(back ? n : outT * n, back ? 1 : Math.max(1, 4096 / Math.max(1, k * f)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int jFrom = back ? 0 : r / n;
                int jTo = back ? outT : jFrom + 1;
                int b = back ? r : r % n;
                for (int j = jFrom; j < jTo; j++) {
                    int c = ctx.center(j);
                    int colBase = co + (j * n + b) * k * f;
                    for (int i = 0; i < k; i++) {
                        int src = c + off[i];
                        if (src < 0 || src >= t) continue;
                        int xBase = xo + (src * n + b) * f;
                        int cBase = colBase + i * f;
                        if (back) {
                            for (int q = 0; q < f; q++) xd[xBase + q] += cd[cBase + q];
                        } else {
                            System.arraycopy(xd, xBase, cd, cBase, f);
                        }
                    }
                }
            }
        });
    }

    /**
     * Time convolution {@code (T, N, F) -> (T', N, O)}: {@link #unfoldTime} then one GEMM with
     * weight {@code (O, K*F)} and optional bias {@code (O)}.
     */
    public static Tensor conv1dTime(Tensor x, Tensor weight, Tensor bias, TimeContext ctx) {
        if (x.dim() != 3) throw new IllegalArgumentException("time convolution expects (T, N, F) input, got " + Shapes.str(x.shape()));
        if (weight.dim() != 2 || weight.size(1) != ctx.size() * x.size(2)) {
            throw new IllegalArgumentException("time convolution: weight " + Shapes.str(weight.shape()) + " must be (O, "
                    + ctx.size() + " * F) for " + ctx.size() + " offsets and input " + Shapes.str(x.shape()));
        }
        return Linalg.linear(unfoldTime(x, ctx), weight, bias);
    }

    /**
     * A 2-d sliding window: kernel {@code (kh, kw)}, stride, zero padding on both sides and
     * dilation per axis. Output size per axis: {@code (in + 2 pad - dil (k - 1) - 1) / stride + 1}.
     */
    public record Window2d(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        public Window2d {
            if (kh < 1 || kw < 1) throw new IllegalArgumentException("kernel size must be >= 1, got (" + kh + ", " + kw + ")");
            if (sh < 1 || sw < 1) throw new IllegalArgumentException("stride must be >= 1, got (" + sh + ", " + sw + ")");
            if (ph < 0 || pw < 0) throw new IllegalArgumentException("padding must be >= 0, got (" + ph + ", " + pw + ")");
            if (dh < 1 || dw < 1) throw new IllegalArgumentException("dilation must be >= 1, got (" + dh + ", " + dw + ")");
        }

        /** Square kernel, equal stride/padding/dilation on both axes. */
        public static Window2d square(int k, int stride, int padding, int dilation) {
            return new Window2d(k, k, stride, stride, padding, padding, dilation, dilation);
        }

        public int outH(int h) {
            return outSize(h, kh, sh, ph, dh);
        }

        public int outW(int w) {
            return outSize(w, kw, sw, pw, dw);
        }

        private static int outSize(int in, int k, int s, int p, int d) {
            int reach = in + 2 * p - d * (k - 1) - 1;
            return reach < 0 ? 0 : reach / s + 1;
        }

        /** Checks the input is (N, C, H, W) and large enough; returns {H', W'}. */
        public int[] outputSize(Tensor x, String what) {
            if (x.dim() != 4) throw new IllegalArgumentException(what + " expects (N, C, H, W) input, got " + Shapes.str(x.shape()));
            int oh = outH(x.size(2));
            int ow = outW(x.size(3));
            if (oh == 0 || ow == 0) {
                throw new IllegalArgumentException(what + ": input " + Shapes.str(x.shape()) + " is smaller than the dilated kernel ("
                        + kh + ", " + kw + ") with padding (" + ph + ", " + pw + ")");
            }
            return new int[] {oh, ow};
        }
    }

    /**
     * Patches of an image batch, one column per output pixel: {@code (N, C, H, W) ->
     * (C * kh * kw, N * H' * W')}; row {@code (c, u, v)} holds kernel tap (u, v) of channel c for
     * every output pixel {@code (n, i, j)}; padding reads zeros. Rows are filled by long runs along
     * j, which is why this layout was chosen over one row per pixel.
     */
    public static Tensor unfold2d(Tensor x, Window2d w) {
        int[] o = w.outputSize(x, "conv2d");
        int[] s = x.shape();
        Tensor cols = Tensor.zeros(s[1] * w.kh() * w.kw(), s[0] * o[0] * o[1]);
        imageCopy(w, s, o, x.data(), x.offset(), cols.data(), 0, false);
        return Graph.record1("unfold2d", cols, g -> {
            Tensor gx = Tensor.zeros(s);
            imageCopy(w, s, o, gx.data(), 0, g[0].data(), g[0].offset(), true);
            return new Tensor[] {gx};
        }, x);
    }

    private static void imageCopy(Window2d w, int[] s, int[] o, float[] xd, int xo, float[] cd, int co, boolean back) {
        int c = s[1];
        int pixels = o[0] * o[1];
        int width = s[0] * pixels;
        // One task per (image, channel) plane: its taps read and write only that plane.
        Parallel.range(s[0] * c, 1, (lo, hi) -> {
            for (int task = lo; task < hi; task++) {
                int n = task / c;
                int ch = task % c;
                int plane = xo + task * s[2] * s[3];
                for (int u = 0; u < w.kh(); u++) {
                    for (int v = 0; v < w.kw(); v++) {
                        int row = co + ((ch * w.kh() + u) * w.kw() + v) * width + n * pixels;
                        copyTap(w, s, o, u, v, plane, xd, row, cd, back);
                    }
                }
            }
        });
    }

    /** Copies (or adds back) tap (u, v) of one plane for every output pixel; out-of-image taps stay zero. */
    private static void copyTap(Window2d w, int[] s, int[] o, int u, int v, int plane, float[] xd, int row, float[] cd, boolean back) {
        int h = s[2];
        int wd = s[3];
        int x0 = v * w.dw() - w.pw();
        int sw = w.sw();
        int jLo = x0 >= 0 ? 0 : (-x0 + sw - 1) / sw;
        int jHi = x0 > wd - 1 ? 0 : Math.min(o[1], (wd - 1 - x0) / sw + 1);
        for (int i = 0; i < o[0]; i++) {
            int y = i * w.sh() - w.ph() + u * w.dh();
            if (y < 0 || y >= h) continue;
            int src = plane + y * wd + x0;
            int dst = row + i * o[1];
            if (back) {
                for (int j = jLo; j < jHi; j++) xd[src + j * sw] += cd[dst + j];
            } else if (sw == 1 && jHi > jLo) {
                System.arraycopy(xd, src + jLo, cd, dst + jLo, jHi - jLo);
            } else {
                for (int j = jLo; j < jHi; j++) cd[dst + j] = xd[src + j * sw];
            }
        }
    }

    /**
     * 2-d convolution (cross-correlation, as in PyTorch): {@code x (N, C, H, W)}, weight
     * {@code (O, C, kh, kw)}, bias {@code (O)} or null, output {@code (N, O, H', W')}:
     * {@code y[n, o, i, j] = b[o] + sum_{c,u,v} W[o, c, u, v] x[n, c, i sh - ph + u dh, j sw - pw + v dw]}.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Window2d w) {
        int[] o = w.outputSize(x, "conv2d");
        int[] ws = weight.shape();
        if (ws.length != 4 || ws[1] != x.size(1) || ws[2] != w.kh() || ws[3] != w.kw()) {
            throw new IllegalArgumentException("conv2d: weight " + Shapes.str(ws) + " must be (O, C, " + w.kh() + ", " + w.kw()
                    + ") for input " + Shapes.str(x.shape()));
        }
        if (bias != null) Shapes.require("conv2d bias", bias.shape(), ws[0]);
        Tensor cols = unfold2d(x, w);
        Tensor flat = Reshape.reshape(weight, ws[0], ws[1] * ws[2] * ws[3]);
        Tensor y = Linalg.matmul(flat, cols);
        if (bias != null) y = Arith.add(y, Reshape.reshape(bias, ws[0], 1));
        return Reshape.permute(Reshape.reshape(y, ws[0], x.size(0), o[0], o[1]), 1, 0, 2, 3);
    }
}
