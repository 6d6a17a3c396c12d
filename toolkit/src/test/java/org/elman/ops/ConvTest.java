package org.elman.ops;

import static org.elman.nn.GradAssert.close;
import static org.elman.nn.GradAssert.gradients;
import static org.elman.nn.GradAssert.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elman.ops.Conv.TimeContext;
import org.elman.ops.Conv.Window2d;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConvTest {
    private static final int[] ODD = {-3, 0, 1, 4};

    @Test
    void timeConvKnownWeightsValidAndPadded() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5}, 5, 1, 1);
        Tensor w = Tensor.of(new float[] {1, 10, 100}, 1, 3);
        Tensor valid = Conv.conv1dTime(x, w, null, new TimeContext(new int[] {-2, 0, 2}, 1, false));
        assertArrayEquals(new int[] {1, 1, 1}, valid.shape());
        close(new float[] {531}, valid, 0f);
        Tensor padded = Conv.conv1dTime(x, w, Tensor.vector(0.5f), new TimeContext(new int[] {-2, 0, 2}, 2, true));
        // centres 0, 2, 4; frames outside [0, 5) read zero
        close(new float[] {310.5f, 531.5f, 53.5f}, padded, 0f);
    }

    @Test
    void kernelAndDilationAreEvenlySpacedOffsets() {
        assertArrayEquals(new int[] {-2, 0, 2}, TimeContext.ofKernel(3, 2, 1, false).offsets());
        assertArrayEquals(new int[] {-1, 0, 1, 2}, TimeContext.ofKernel(4, 1, 1, false).offsets());
        TimeContext c = TimeContext.ofKernel(3, 3, 2, false);
        assertEquals(7, c.span());
        assertEquals(3, c.outputLength(12)); // (12 - 7) / 2 + 1
        assertEquals(3, c.center(0));
        assertEquals(6, new TimeContext(ODD, 2, true).outputLength(11));
        assertEquals(3, new TimeContext(ODD, 1, false).leftContext());
        assertEquals(4, new TimeContext(ODD, 1, false).rightContext());
        assertEquals(0, new TimeContext(new int[] {1, 2}, 1, false).leftContext());
    }

    @Test
    void timeConvMatchesDirectLoop() {
        for (boolean padded : new boolean[] {false, true}) {
            TimeContext ctx = new TimeContext(ODD, 2, padded);
            Tensor x = param(1, 13, 3, 5);
            Tensor w = param(2, 4, ODD.length * 5);
            Tensor b = param(3, 4);
            Tensor y = Conv.conv1dTime(x, w, b, ctx);
            close(directTime(x, w, b, ctx).toArray(), y, 1e-5f);
        }
    }

    private static Tensor directTime(Tensor x, Tensor w, Tensor b, TimeContext ctx) {
        int t = x.size(0), n = x.size(1), f = x.size(2), o = w.size(0);
        int outT = ctx.outputLength(t);
        Tensor y = Tensor.zeros(outT, n, o);
        for (int j = 0; j < outT; j++) {
            for (int s = 0; s < n; s++) {
                for (int q = 0; q < o; q++) {
                    double acc = b.get(q);
                    for (int k = 0; k < ctx.size(); k++) {
                        int frame = ctx.center(j) + ctx.offsets()[k];
                        if (frame < 0 || frame >= t) continue;
                        for (int i = 0; i < f; i++) acc += w.get(q, k * f + i) * x.get(frame, s, i);
                    }
                    y.set((float) acc, j, s, q);
                }
            }
        }
        return y;
    }

    @Test
    void timeConvGradientsWithOddOffsetsAndDilation() {
        TimeContext odd = new TimeContext(ODD, 2, true);
        Tensor x = param(4, 11, 2, 3);
        Tensor w = param(5, 2, ODD.length * 3);
        Tensor b = param(6, 2);
        gradients(() -> Conv.conv1dTime(x, w, b, odd), 1e-2f, 1e-2, x, w, b);
        TimeContext dilated = TimeContext.ofKernel(3, 2, 1, false);
        Tensor w2 = param(13, 2, 9);
        gradients(() -> Conv.conv1dTime(x, w2, null, dilated), 1e-2f, 1e-2, x, w2);
    }

    @Test
    void timeConvErrorsNameTheProblem() {
        TimeContext ctx = new TimeContext(new int[] {-2, 0, 2}, 1, false);
        Tensor w = Tensor.zeros(2, 6);
        var shortInput = assertThrows(IllegalArgumentException.class, () -> Conv.conv1dTime(Tensor.zeros(4, 1, 2), w, null, ctx));
        assertTrue(shortInput.getMessage().contains("shorter than the context span"), shortInput.getMessage());
        var badWeight = assertThrows(IllegalArgumentException.class, () -> Conv.conv1dTime(Tensor.zeros(9, 1, 3), w, null, ctx));
        assertTrue(badWeight.getMessage().contains("weight"), badWeight.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> Conv.conv1dTime(Tensor.zeros(9, 2), w, null, ctx));
        assertTrue(rank.getMessage().contains("(T, N, F)"), rank.getMessage());
        var order = assertThrows(IllegalArgumentException.class, () -> new TimeContext(new int[] {0, -1}, 1, false));
        assertTrue(order.getMessage().contains("strictly increasing"));
        assertThrows(IllegalArgumentException.class, () -> new TimeContext(new int[] {0}, 0, false));
    }

    @Test
    void conv2dKnownValues() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor ones = Tensor.ones(1, 1, 2, 2);
        close(new float[] {12, 16, 24, 28}, Conv.conv2d(x, ones, null, Window2d.square(2, 1, 0, 1)), 0f);
        close(new float[] {1, 5, 11, 28}, Conv.conv2d(x, ones, null, Window2d.square(2, 2, 1, 1)), 0f);
        close(new float[] {20}, Conv.conv2d(x, ones, null, Window2d.square(2, 1, 0, 2)), 0f);
    }

    @Test
    void conv2dMatchesDirectLoop() {
        Window2d w = new Window2d(3, 2, 2, 1, 1, 1, 2, 1);
        Tensor x = param(7, 2, 3, 7, 6);
        Tensor k = param(8, 4, 3, 3, 2);
        Tensor b = param(9, 4);
        Tensor y = Conv.conv2d(x, k, b, w);
        assertArrayEquals(new int[] {2, 4, w.outH(7), w.outW(6)}, y.shape());
        close(direct2d(x, k, b, w).toArray(), y, 1e-5f);
    }

    static Tensor direct2d(Tensor x, Tensor k, Tensor b, Window2d w) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), o = k.size(0);
        int oh = w.outH(h), ow = w.outW(wd);
        Tensor y = Tensor.zeros(n, o, oh, ow);
        for (int s = 0; s < n; s++) for (int q = 0; q < o; q++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
            double acc = b == null ? 0 : b.get(q);
            for (int ch = 0; ch < c; ch++) for (int u = 0; u < w.kh(); u++) for (int v = 0; v < w.kw(); v++) {
                int yy = i * w.sh() - w.ph() + u * w.dh();
                int xx = j * w.sw() - w.pw() + v * w.dw();
                if (yy >= 0 && yy < h && xx >= 0 && xx < wd) acc += k.get(q, ch, u, v) * x.get(s, ch, yy, xx);
            }
            y.set((float) acc, s, q, i, j);
        }
        return y;
    }

    @Test
    void conv2dGradientsWithStridePaddingDilation() {
        Window2d w = new Window2d(2, 3, 2, 1, 1, 2, 1, 2);
        Tensor x = param(10, 2, 2, 5, 5);
        Tensor k = param(11, 3, 2, 2, 3);
        Tensor b = param(12, 3);
        gradients(() -> Conv.conv2d(x, k, b, w), 1e-2f, 1e-2, x, k, b);
    }

    @Test
    void conv2dErrorsNameTheProblem() {
        Window2d w = Window2d.square(3, 1, 0, 1);
        var small = assertThrows(IllegalArgumentException.class, () -> Conv.conv2d(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1, 1, 3, 3), null, w));
        assertTrue(small.getMessage().contains("smaller than the dilated kernel"), small.getMessage());
        var channels = assertThrows(IllegalArgumentException.class, () -> Conv.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(1, 1, 3, 3), null, w));
        assertTrue(channels.getMessage().contains("weight"), channels.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> Conv.unfold2d(Tensor.zeros(5, 5), w));
        assertTrue(rank.getMessage().contains("(N, C, H, W)"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Window2d.square(3, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Window2d.square(3, 1, -1, 1));
    }
}
