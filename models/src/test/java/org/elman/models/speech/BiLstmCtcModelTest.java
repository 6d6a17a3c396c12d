package org.elman.models.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.elman.autograd.GradCheck;
import org.elman.autograd.GradMode;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BiLstmCtcModelTest {
    private static BiLstmCtcModel.Builder tiny() {
        return BiLstmCtcModel.builder().setInputDim(4).setVocabSize(5).optHiddenDim(3).optLayers(2).optSeed(2);
    }

    @Test
    void stackFrontShapesAndLengths() {
        BiLstmCtcModel m = tiny().optStack(3).build();
        assertEquals(3, m.subsampling());
        AcousticOutput out = m.forward(Tensor.randn(new Random(1), 10, 3, 4), new int[] {10, 6, 1});
        assertArrayEquals(new int[] {4, 3, 5}, out.logProbs().shape());
        assertArrayEquals(new int[] {4, 2, 1}, out.lengths());
        assertEquals(4, m.outputLength(10));
    }

    @Test
    void conv2dFrontShapesAndLengths() {
        BiLstmCtcModel m = tiny().optFront("conv2d").optConvChannels(2).build();
        assertEquals(4, m.subsampling());
        AcousticOutput out = m.forward(Tensor.randn(new Random(1), 13, 2, 4), new int[] {13, 5});
        assertArrayEquals(new int[] {4, 2, 5}, out.logProbs().shape());
        assertArrayEquals(new int[] {4, 2}, out.lengths());
        assertEquals(4, m.outputLength(13));
        assertFalse(m.isStreaming());
    }

    @Test
    void paddedSequencesMatchTheirOwnRuns() {
        for (BiLstmCtcModel m : List.of(tiny().build(), tiny().optFront("conv2d").optConvChannels(2).build())) {
            m.eval();
            Tensor x = Tensor.randn(new Random(4), 11, 2, 4);
            AcousticOutput batch = m.forward(x, new int[] {11, 7});
            Tensor alone;
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                alone = m.forward(Reshape.narrow(Reshape.narrow(x, 1, 1, 1), 0, 0, 7), null).logProbs();
            }
            assertEquals(alone.size(0), batch.lengths()[1]);
            for (int t = 0; t < alone.size(0); t++) {
                for (int v = 0; v < 5; v++) assertEquals(alone.get(t, 0, v), batch.logProbs().get(t, 1, v), 1e-5f, m.config().get("front"));
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (BiLstmCtcModel m : List.of(tiny().optStack(2).build(), tiny().optLayers(1).optFront("conv2d").optConvChannels(2).build())) {
            Tensor x = Tensor.randn(new Random(6), 6, 2, 4).requiresGrad(true);
            int[] lens = {6, 4};
            GradCheck.Result r = GradCheck.check(() -> m.forward(x, lens).logProbs(), m.parameters(), 1e-2f);
            assertTrue(r.passed(3e-2), m.config().get("front") + " " + r);
            GradCheck.Result rx = GradCheck.check(() -> m.forward(x, lens).logProbs(), List.of(x), 1e-2f);
            assertTrue(rx.passed(3e-2), m.config().get("front") + " input " + rx);
        }
    }

    @Test
    void unidirectionalStreamingEqualsOffline() {
        BiLstmCtcModel m = tiny().optBidirectional(false).optStack(3).build();
        m.eval();
        assertTrue(m.isStreaming());
        Tensor x = Tensor.randn(new Random(8), 50, 2, 4);
        for (int size : new int[] {1, 7, 37, 50}) StreamingCheck.assertChunkedEqualsOffline(m, x, i -> size);
        StreamingCheck.assertChunkedEqualsOffline(m, x, StreamingCheck.random(3));
        StreamingCheck.assertChunkedEqualsOffline(m, Reshape.narrow(x, 0, 0, 2), i -> 1);
        StreamingCheck.assertBatchedStepsEqualOffline(m, List.of(x, Reshape.narrow(x, 0, 0, 9)), 5);
    }

    @Test
    void lookaheadStreamingEqualsOfflineAndPaddingIsPerSequence() {
        BiLstmCtcModel m = tiny().optBidirectional(false).optStack(2).optLookahead(2).build();
        m.eval();
        assertTrue(m.isStreaming());
        Tensor x = Tensor.randn(new Random(10), 41, 2, 4);
        for (int size : new int[] {1, 7, 37, 41}) StreamingCheck.assertChunkedEqualsOffline(m, x, i -> size);
        StreamingCheck.assertChunkedEqualsOffline(m, x, StreamingCheck.random(4));
        StreamingCheck.assertChunkedEqualsOffline(m, Reshape.narrow(x, 0, 0, 1), i -> 1);
        AcousticOutput batch = m.forward(x, new int[] {41, 9});
        Tensor alone = m.forward(Reshape.narrow(Reshape.narrow(x, 1, 1, 1), 0, 0, 9), null).logProbs();
        assertEquals(5, batch.lengths()[1]);
        for (int t = 0; t < 5; t++) {
            for (int v = 0; v < 5; v++) assertEquals(alone.get(t, 0, v), batch.logProbs().get(t, 1, v), 1e-5f);
        }
        GradCheck.Result r = GradCheck.check(() -> m.forward(Reshape.narrow(x, 0, 0, 6), new int[] {6, 3}).logProbs(), m.parameters(), 1e-2f);
        assertTrue(r.passed(3e-2), r.toString());
    }

    @Test
    void bidirectionalCannotStreamAndConfigErrors() {
        BiLstmCtcModel m = tiny().build();
        assertThrows(UnsupportedOperationException.class, () -> m.newStream(1));
        Map<String, String> c = m.config();
        assertEquals(c, BiLstmCtcModel.fromConfig(c).config());
        Map<String, String> bad = new HashMap<>(c);
        bad.put("front", "mystery");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BiLstmCtcModel.fromConfig(bad)).getMessage().contains("mystery"));
        bad.put("front", "stack");
        bad.put("bidirectional", "yes");
        assertThrows(IllegalArgumentException.class, () -> BiLstmCtcModel.fromConfig(bad));
        assertThrows(IllegalArgumentException.class, () -> tiny().optStack(0).build());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(3, 1, 7), null));
    }
}
