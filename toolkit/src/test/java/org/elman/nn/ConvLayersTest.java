package org.elman.nn;

import static org.elman.nn.GradAssert.close;
import static org.elman.nn.GradAssert.gradients;
import static org.elman.nn.GradAssert.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConvLayersTest {
    @Test
    void tdnnWithOffsetsEqualsLinearOverSplicedFrames() {
        Conv1d tdnn = Conv1d.builder().setInFeatures(3).setOutFeatures(2).setOffsets(-1, 0, 2).optRandom(new Random(1)).build();
        assertArrayEquals(new int[] {2, 9}, tdnn.weight().shape());
        Tensor x = param(2, 6, 2, 3);
        Tensor y = tdnn.forward(x);
        assertArrayEquals(new int[] {3, 2, 2}, y.shape()); // span 4: centres 1, 2, 3
        // output frame 1 of sequence 1 reads frames 1, 2, 4
        double expect = tdnn.bias().get(0);
        int[] frames = {1, 2, 4};
        for (int k = 0; k < 3; k++) for (int i = 0; i < 3; i++) expect += tdnn.weight().get(0, k * 3 + i) * x.get(frames[k], 1, i);
        assertEquals(expect, y.get(1, 1, 0), 1e-5);
        gradients(() -> tdnn.forward(x), 1e-2f, 1e-2, x, tdnn.weight(), tdnn.bias());
    }

    @Test
    void tdnnKernelDilationStrideAndPadding() {
        Conv1d c = Conv1d.builder().setInFeatures(2).setOutFeatures(4).setKernelSize(3).optDilation(3).optStride(2).optPadded(true).build();
        assertArrayEquals(new int[] {-3, 0, 3}, c.context().offsets());
        assertEquals(5, c.outputLength(10));
        assertArrayEquals(new int[] {5, 1, 4}, c.forward(Tensor.ones(10, 1, 2)).shape());
        Conv1d valid = Conv1d.builder().setInFeatures(2).setOutFeatures(4).setKernelSize(3).optDilation(3).optStride(2).build();
        assertEquals(2, valid.outputLength(10)); // (10 - 7) / 2 + 1
        var both = assertThrows(IllegalStateException.class,
                () -> Conv1d.builder().setInFeatures(2).setOutFeatures(2).setOffsets(0, 1).setKernelSize(2).build());
        assertTrue(both.getMessage().contains("exactly one"), both.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Conv1d.builder().setInFeatures(2).setOutFeatures(2).setOffsets(0, 1).optDilation(2).build());
        var feat = assertThrows(IllegalArgumentException.class, () -> valid.forward(Tensor.ones(10, 1, 3)));
        assertTrue(feat.getMessage().contains("weight"), feat.getMessage());
    }

    @Test
    void conv2dLayerShapesAndGradients() {
        Conv2d conv = Conv2d.builder().setInChannels(2).setOutChannels(3).setKernelSize(3).optStride(2).optPadding(1)
                .optRandom(new Random(4)).build();
        float bound = (float) (1 / Math.sqrt(18));
        for (float v : conv.weight().toArray()) assertTrue(Math.abs(v) <= bound);
        Tensor x = param(5, 1, 2, 5, 4);
        assertArrayEquals(new int[] {1, 3, 3, 2}, conv.forward(x).shape());
        gradients(() -> conv.forward(x), 1e-2f, 1e-2, x, conv.weight(), conv.bias());
        var missing = assertThrows(IllegalStateException.class, () -> Conv2d.builder().setInChannels(1).setOutChannels(1).build());
        assertTrue(missing.getMessage().contains("setKernelSize"), missing.getMessage());
    }

    @Test
    void poolingModules() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 4, 4);
        close(new float[] {6, 8, 14, 16}, MaxPool2d.builder().setKernelSize(2).build().forward(x), 0f);
        close(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, AvgPool2d.builder().setKernelSize(2).build().forward(x), 1e-6f);
        assertArrayEquals(new int[] {1, 1, 3, 3},
                AvgPool2d.builder().setKernelSize(2).optPadding(1).optCountIncludePad(false).build().forward(x).shape());
        close(new float[] {8.5f}, new GlobalAvgPool2d().forward(x), 1e-6f);
        TimePool tp = TimePool.builder().setMode(TimePool.Mode.MAX).setKernelSize(2).build();
        assertEquals(3, tp.outputLength(7));
        assertArrayEquals(new int[] {3, 2, 5}, tp.forward(Tensor.ones(7, 2, 5)).shape());
        assertThrows(IllegalArgumentException.class, () -> MaxPool2d.builder().setKernelSize(2).optPadding(2).build());
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
                () -> AvgPool2d.builder().setKernelSize(3, 2).optPadding(0, 2).build());
        assertTrue(pad.getMessage().startsWith("AvgPool2d padding (0, 2)"), pad.getMessage());
        IllegalStateException noKernel = assertThrows(IllegalStateException.class, () -> MaxPool2d.builder().optStride(2).build());
        assertTrue(noKernel.getMessage().startsWith("MaxPool2d kernel size"), noKernel.getMessage());
        assertThrows(IllegalStateException.class, () -> TimePool.builder().setKernelSize(2).build());
    }
}
