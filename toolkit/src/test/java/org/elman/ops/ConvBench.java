package org.elman.ops;

import java.util.Random;
import org.elman.ops.Conv.TimeContext;
import org.elman.ops.Conv.Window2d;
import org.elman.tensor.Tensor;

/**
 * Manual timing of the convolutions (not a test; run with {@code java -cp ... org.elman.ops.ConvBench}).
 * Validates the fast path against the direct loop on a small case first, then times forward plus
 * backward on speech-sized inputs (best of 5) and prints GFLOP/s of the forward's multiply-adds.
 */
public final class ConvBench {
    private ConvBench() {}

    public static void main(String[] args) {
        validate();
        Random rng = new Random(1);
        TimeContext ctx = new TimeContext(new int[] {-3, 0, 3}, 1, false);
        Tensor x = Tensor.randn(rng, 300, 16, 512).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 512, 3 * 512).requiresGrad(true);
        double tdnnFlops = 2.0 * ctx.outputLength(300) * 16 * 512 * 3 * 512;
        time("tdnn (300,16,512) offsets {-3,0,3} -> 512", tdnnFlops, () -> Conv.conv1dTime(x, w, null, ctx));
        Tensor img = Tensor.randn(rng, 8, 32, 100, 80).requiresGrad(true);
        Tensor k = Tensor.randn(rng, 32, 32, 3, 3).requiresGrad(true);
        Window2d win = Window2d.square(3, 1, 1, 1);
        double convFlops = 2.0 * 8 * 100 * 80 * 32 * 32 * 9;
        time("conv2d (8,32,100,80) 3x3 pad 1 -> 32", convFlops, () -> Conv.conv2d(img, k, null, win));
    }

    private static void validate() {
        Random rng = new Random(2);
        Window2d win = new Window2d(3, 3, 2, 1, 1, 1, 1, 2);
        Tensor x = Tensor.randn(rng, 2, 3, 9, 8);
        Tensor k = Tensor.randn(rng, 4, 3, 3, 3);
        float[] fast = Conv.conv2d(x, k, null, win).toArray();
        float[] ref = ConvTest.direct2d(x, k, null, win).toArray();
        for (int i = 0; i < fast.length; i++) {
            if (Math.abs(fast[i] - ref[i]) > 1e-4f) throw new AssertionError("conv2d differs from the direct loop at " + i);
        }
    }

    private static void time(String what, double flops, java.util.function.Supplier<Tensor> f) {
        for (int i = 0; i < 3; i++) f.get().sum().backward();
        long fwd = Long.MAX_VALUE;
        long all = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            Tensor y = f.get();
            long t1 = System.nanoTime();
            y.sum().backward();
            long t2 = System.nanoTime();
            fwd = Math.min(fwd, t1 - t0);
            all = Math.min(all, t2 - t0);
        }
        double fwdMs = fwd / 1e6;
        System.out.printf("%s: forward %.1f ms (%.1f GFLOP/s), forward+backward %.1f ms (best of 5)%n",
                what, fwdMs, flops / fwdMs / 1e6, all / 1e6);
    }
}
