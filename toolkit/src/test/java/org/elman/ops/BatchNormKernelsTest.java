package org.elman.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.elman.nn.GradAssert.param;

import java.util.Random;
import org.elman.ops.Norm.ChannelLayout;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memory-order batch-norm kernels against the plain channel-by-channel reference loops. */
class BatchNormKernelsTest {
    @AfterEach
    void restore() {
        BatchNormKernels.useReference = false;
    }

    @Test
    void channelsLastWithMaskMatchesReference() {
        // 150 outer positions: more than two blocks, the last one partial
        float[] mask = new float[50 * 3];
        Random rng = new Random(3);
        for (int i = 0; i < mask.length; i++) mask[i] = rng.nextInt(4) == 0 ? 0f : 1f;
        compare(new int[] {50, 3, 7}, true, mask);
        compare(new int[] {50, 3, 7}, true, null);
    }

    @Test
    void channelsFirstMatchesReference() {
        compare(new int[] {3, 5, 6, 7}, false, null);
        compare(new int[] {70, 4, 3}, false, null);
    }

    @Test
    void evalModeWithAndWithoutGradientsMatchesReference() {
        for (boolean last : new boolean[] {true, false}) {
            int[] shape = last ? new int[] {40, 3, 9} : new int[] {4, 5, 6, 7};
            float[] ref = eval(shape, last, true, true);
            assertArrayEquals(ref, eval(shape, last, false, true), 1e-5f, "fast, recording gradients");
            assertArrayEquals(ref, eval(shape, last, false, false), 1e-5f, "fast, inference");
        }
    }

    private static float[] eval(int[] shape, boolean channelsLast, boolean reference, boolean grad) {
        BatchNormKernels.useReference = reference;
        ChannelLayout l = channelsLast ? ChannelLayout.lastAxis(shape) : ChannelLayout.channelsFirst(shape);
        float[] mean = param(15, l.channels()).toArray();
        float[] var = param(16, l.channels()).toArray();
        for (int c = 0; c < var.length; c++) var[c] = 0.5f + var[c] * var[c];
        Tensor x = param(11, shape);
        try (org.elman.autograd.GradMode.Scope ignored = grad ? org.elman.autograd.GradMode.enableGrad() : org.elman.autograd.GradMode.noGrad()) {
            return Norm.batchNormEval(x, l, param(12, l.channels()), param(13, l.channels()), 1e-5f, mean, var).toArray();
        }
    }

    /** Runs train-mode forward and backward with both implementations; outputs, statistics and gradients agree. */
    private static void compare(int[] shape, boolean channelsLast, float[] weights) {
        float[][] ref = run(shape, channelsLast, weights, true);
        float[][] fast = run(shape, channelsLast, weights, false);
        String[] what = {"y", "mean", "var", "dx", "dgamma", "dbeta"};
        for (int k = 0; k < ref.length; k++) {
            float scale = 0;
            for (float v : ref[k]) scale = Math.max(scale, Math.abs(v));
            assertArrayEquals(ref[k], fast[k], 1e-5f * Math.max(1f, scale), what[k]);
        }
    }

    private static float[][] run(int[] shape, boolean channelsLast, float[] weights, boolean reference) {
        BatchNormKernels.useReference = reference;
        Tensor x = param(11, shape);
        ChannelLayout l = channelsLast ? ChannelLayout.lastAxis(shape) : ChannelLayout.channelsFirst(shape);
        Tensor gamma = param(12, l.channels());
        Tensor beta = param(13, l.channels());
        float[] mean = new float[l.channels()];
        float[] var = new float[l.channels()];
        Tensor y = Norm.batchNormTrain(x, l, gamma, beta, 1e-5f, weights, mean, var);
        Tensor seed = param(14, shape).detach();
        y.backward(seed);
        return new float[][] {y.toArray(), mean, var, x.grad().toArray(), gamma.grad().toArray(), beta.grad().toArray()};
    }
}
