package org.elman.ops;

import static org.elman.nn.GradAssert.close;
import static org.elman.nn.GradAssert.gradients;
import static org.elman.nn.GradAssert.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elman.ops.Norm.ChannelLayout;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormTest {
    @Test
    void batchNormTrainingNormalisesEachChannel() {
        Tensor x = Tensor.of(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, 4, 2);
        float[] mean = new float[2];
        float[] var = new float[2];
        Tensor y = Norm.batchNormTrain(x, ChannelLayout.lastAxis(x.shape()), null, null, 0f, mean, var);
        close(new float[] {2.5f, 25f}, Tensor.vector(mean), 1e-6f);
        close(new float[] {1.25f, 125f}, Tensor.vector(var), 1e-4f);
        float s = (float) (1 / Math.sqrt(1.25));
        close(new float[] {-1.5f * s, -1.5f * s, -0.5f * s, -0.5f * s, 0.5f * s, 0.5f * s, 1.5f * s, 1.5f * s}, y, 1e-5f);
    }

    @Test
    void batchNormGradientsTrainingAndEval() {
        Tensor x = param(1, 3, 2, 4);
        Tensor g = param(2, 4);
        Tensor b = param(3, 4);
        ChannelLayout last = ChannelLayout.lastAxis(x.shape());
        float[] m = new float[4];
        float[] v = new float[4];
        gradients(() -> Norm.batchNormTrain(x, last, g, b, 1e-5f, m, v), 1e-2f, 2e-2, x, g, b);
        float[] weights = {1f, 0.5f, 0f, 2f, 1f, 1f};
        gradients(() -> Norm.batchNormTrain(x, last, g, b, 1e-5f, weights, m, v), 1e-2f, 2e-2, x, g, b);
        Tensor img = param(4, 2, 3, 2, 2);
        Tensor gi = param(5, 3);
        Tensor bi = param(6, 3);
        ChannelLayout first = ChannelLayout.channelsFirst(img.shape());
        float[] m3 = new float[3];
        float[] v3 = new float[3];
        gradients(() -> Norm.batchNormTrain(img, first, gi, bi, 1e-5f, m3, v3), 1e-2f, 2e-2, img, gi, bi);
        float[] rm = {0.1f, -0.2f, 0.3f};
        float[] rv = {0.5f, 1.5f, 2f};
        gradients(() -> Norm.batchNormEval(img, first, gi, bi, 1e-5f, rm, rv), 1e-2f, 1e-2, img, gi, bi);
    }

    @Test
    void batchNormMatchesComposedOps() {
        Tensor x = param(7, 2, 3, 2, 2);
        ChannelLayout l = ChannelLayout.channelsFirst(x.shape());
        Tensor fused = Norm.batchNormTrain(x, l, null, null, 1e-5f, new float[3], new float[3]);
        // composed reference: move channels last, normalise each column with Reduce/Arith
        Tensor cols = Reshape.reshape(Reshape.permute(x, 0, 2, 3, 1), -1, 3);
        Tensor mu = Reduce.mean(cols, 0, true);
        Tensor d = Arith.sub(cols, mu);
        Tensor var = Reduce.mean(Arith.mul(d, d), 0, true);
        Tensor ref = Arith.div(d, Unary.sqrt(Arith.addScalar(var, 1e-5f)));
        Tensor back = Reshape.permute(Reshape.reshape(ref, 2, 2, 2, 3), 0, 3, 1, 2);
        close(back.toArray(), fused, 1e-5f);
    }

    @Test
    void layerNormValuesAndReference() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -2, 0, 2, 4}, 2, 4);
        Tensor y = Norm.layerNorm(x, null, null, 0f);
        float s = (float) (1 / Math.sqrt(1.25));
        close(new float[] {-1.5f * s, -0.5f * s, 0.5f * s, 1.5f * s, -1.5f * s, -0.5f * s, 0.5f * s, 1.5f * s}, y, 1e-5f);
        Tensor g = Tensor.vector(1, 2, 3, 4);
        Tensor b = Tensor.vector(0, 0, 0, 1);
        Tensor affine = Norm.layerNorm(x, g, b, 0f);
        assertEquals(4 * 1.5f * s + 1, affine.get(1, 3), 1e-5f);
    }

    @Test
    void layerNormGradients() {
        Tensor x = param(8, 3, 2, 5);
        Tensor g = param(9, 5);
        Tensor b = param(10, 5);
        gradients(() -> Norm.layerNorm(x, g, b, 1e-5f), 1e-2f, 2e-2, x, g, b);
        gradients(() -> Norm.layerNorm(x, null, null, 1e-5f), 1e-2f, 2e-2, x);
    }

    @Test
    void shapeErrors() {
        assertThrows(IllegalArgumentException.class, () -> Norm.layerNorm(Tensor.zeros(2, 3), Tensor.ones(4), null, 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> ChannelLayout.channelsFirst(new int[] {5}));
        Tensor x = Tensor.zeros(4, 3);
        assertThrows(IllegalArgumentException.class,
                () -> Norm.batchNormTrain(x, ChannelLayout.lastAxis(x.shape()), Tensor.ones(2), null, 1e-5f, new float[3], new float[3]));
        var neg = assertThrows(IllegalArgumentException.class, () -> Norm.batchNormTrain(x, ChannelLayout.lastAxis(x.shape()), null, null,
                1e-5f, new float[] {1, -1, 1, 1}, new float[3], new float[3]));
        assertTrue(neg.getMessage().contains(">= 0"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Norm.batchNormTrain(x, ChannelLayout.lastAxis(x.shape()), null, null,
                1e-5f, new float[] {1, 1}, new float[3], new float[3]));
        var fit = assertThrows(IllegalArgumentException.class,
                () -> Norm.batchNormEval(x, new ChannelLayout(2, 3, 3), null, null, 1e-5f, new float[3], new float[3]));
        assertTrue(fit.getMessage().contains("does not fit"), fit.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Norm.batchNormTrain(x, ChannelLayout.lastAxis(x.shape()), null, null, 1e-5f, new float[2], new float[3]));
    }
}
