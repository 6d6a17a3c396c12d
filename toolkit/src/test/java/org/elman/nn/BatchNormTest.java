package org.elman.nn;

import static org.elman.nn.GradAssert.close;
import static org.elman.nn.GradAssert.gradients;
import static org.elman.nn.GradAssert.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    @Test
    void runningStatisticsAfterTwoSteps() {
        BatchNorm bn = BatchNorm.builder().setNumFeatures(2).build();
        // channel 0: {1,2,3,4} mean 2.5, unbiased var 5/3; channel 1: {0,0,4,4} mean 2, unbiased var 16/3
        bn.forward(Tensor.of(new float[] {1, 0, 2, 0, 3, 4, 4, 4}, 2, 2, 2));
        close(new float[] {0.25f, 0.2f}, bn.runningMean(), 1e-6f);
        close(new float[] {0.9f + 0.1f * 5 / 3f, 0.9f + 0.1f * 16 / 3f}, bn.runningVar(), 1e-6f);
        // channel 0: {2,2,2,2} mean 2, var 0; channel 1: {-1,1,-1,1} mean 0, unbiased var 4/3
        bn.forward(Tensor.of(new float[] {2, -1, 2, 1, 2, -1, 2, 1}, 4, 2));
        close(new float[] {0.9f * 0.25f + 0.2f, 0.9f * 0.2f}, bn.runningMean(), 1e-6f);
        close(new float[] {0.9f * (0.9f + 0.1f * 5 / 3f), 0.9f * (0.9f + 0.1f * 16 / 3f) + 0.1f * 4 / 3f}, bn.runningVar(), 1e-6f);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var"), List.copyOf(bn.stateDict().keySet()));
        assertEquals(2, bn.parameters().size());
    }

    @Test
    void evalModeUsesRunningStatisticsAndLeavesThem() {
        BatchNorm bn = BatchNorm.builder().setNumFeatures(2).optAxis(BatchNorm.Axis.CHANNELS_FIRST).optEps(0f).build();
        bn.runningMean().set(1f, 0);
        bn.runningVar().set(4f, 1);
        bn.weight().set(3f, 1);
        bn.bias().set(0.5f, 0);
        bn.eval();
        Tensor x = Tensor.of(new float[] {1, 3, 2, 6}, 1, 2, 2, 1);
        // channel 0: (x - 1) / 1 + 0.5; channel 1: 3 * x / 2
        close(new float[] {0.5f, 2.5f, 3f, 9f}, bn.forward(x), 1e-6f);
        close(new float[] {1f, 0f}, bn.runningMean(), 0f);
        Tensor p = param(1, 2, 2, 3, 1);
        gradients(() -> bn.forward(p), 1e-2f, 1e-2, p, bn.weight(), bn.bias());
    }

    @Test
    void trainingGradients() {
        BatchNorm bn = BatchNorm.builder().setNumFeatures(3).optAxis(BatchNorm.Axis.CHANNELS_FIRST).build();
        bn.weight().set(1.5f, 0);
        bn.bias().set(-0.5f, 2);
        Tensor x = param(2, 2, 3, 2, 2);
        gradients(() -> bn.forward(x), 1e-2f, 2e-2, x, bn.weight(), bn.bias());
        BatchNorm seq = BatchNorm.builder().setNumFeatures(4).optAffine(false).build();
        Tensor s = param(3, 3, 2, 4);
        gradients(() -> seq.forward(s), 1e-2f, 2e-2, s);
    }

    @Test
    void maskLeavesPaddedFramesOutOfTheStatistics() {
        int[] lengths = {4, 2};
        Tensor x = param(5, 4, 2, 3);
        Tensor mask = Tensor.zeros(4, 2);
        Tensor valid = Tensor.zeros(6, 3);
        int row = 0;
        for (int t = 0; t < 4; t++) {
            for (int n = 0; n < 2; n++) {
                if (t >= lengths[n]) continue;
                mask.set(1f, t, n);
                for (int c = 0; c < 3; c++) valid.set(x.get(t, n, c), row, c);
                row++;
            }
        }
        BatchNorm masked = BatchNorm.builder().setNumFeatures(3).build();
        BatchNorm reference = BatchNorm.builder().setNumFeatures(3).build();
        masked.bias().set(0.25f, 1);
        reference.bias().set(0.25f, 1);
        Tensor y = masked.forward(x, mask);
        Tensor ref = reference.forward(valid);
        row = 0;
        for (int t = 0; t < 4; t++) {
            for (int n = 0; n < 2; n++) {
                if (t >= lengths[n]) continue;
                for (int c = 0; c < 3; c++) assertEquals(ref.get(row, c), y.get(t, n, c), 1e-5f);
                row++;
            }
        }
        close(reference.runningMean().toArray(), masked.runningMean(), 1e-6f);
        close(reference.runningVar().toArray(), masked.runningVar(), 1e-6f);
        masked.weight().set(1.3f, 2);
        gradients(() -> masked.forward(x, mask), 1e-2f, 2e-2, x, masked.weight(), masked.bias());
    }

    @Test
    void errors() {
        BatchNorm b3 = BatchNorm.builder().setNumFeatures(3).build();
        var mask = assertThrows(IllegalArgumentException.class, () -> b3.forward(Tensor.zeros(4, 2, 3), Tensor.ones(4, 3)));
        assertTrue(mask.getMessage().contains("batch norm mask"), mask.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> b3.forward(Tensor.zeros(4, 2, 3), Tensor.zeros(4, 2)));
        assertTrue(empty.getMessage().contains("more than 1 value"), empty.getMessage());
        BatchNorm bn = BatchNorm.builder().setNumFeatures(3).build();
        var ch = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(4, 2)));
        assertTrue(ch.getMessage().contains("3 channels"), ch.getMessage());
        var one = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 3)));
        assertTrue(one.getMessage().contains("more than 1 value"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchNorm.builder().setNumFeatures(3).optMomentum(0f).build());
        assertThrows(IllegalStateException.class, () -> BatchNorm.builder().build());
        assertThrows(IllegalArgumentException.class, () -> LayerNorm.builder().setNormalizedSize(3).build().forward(Tensor.zeros(2, 4)));
    }

    @Test
    void layerNormModule() {
        LayerNorm ln = LayerNorm.builder().setNormalizedSize(4).build();
        Tensor x = param(4, 3, 4);
        Tensor y = ln.forward(x);
        for (int r = 0; r < 3; r++) {
            double m = 0;
            double v = 0;
            for (int j = 0; j < 4; j++) m += y.get(r, j) / 4;
            for (int j = 0; j < 4; j++) v += (y.get(r, j) - m) * (y.get(r, j) - m) / 4;
            assertEquals(0, m, 1e-5);
            assertEquals(1, v, 1e-3);
        }
        ln.weight().set(2f, 1);
        gradients(() -> ln.forward(x), 1e-2f, 2e-2, x, ln.weight(), ln.bias());
    }
}
