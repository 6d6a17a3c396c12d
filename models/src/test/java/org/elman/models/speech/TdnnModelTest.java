package org.elman.models.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.elman.autograd.GradCheck;
import org.elman.autograd.GradMode;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TdnnModelTest {
    private static TdnnModel small() {
        return TdnnModel.builder().setInputDim(5).setVocabSize(4).optHiddenDim(6).optSeed(3).build();
    }

    /** A few training-mode passes so batch norm's running statistics are not the identity. */
    private static void warmUp(AcousticModel m, Random r) {
        m.module().train();
        for (int i = 0; i < 3; i++) m.forward(Tensor.randn(r, 20, 2, m.inputDim()), null);
        m.module().eval();
    }

    @Test
    void outputShapesAndLengthsFollowSubsampling() {
        TdnnModel m = small();
        assertEquals(3, m.subsampling());
        assertEquals(2 + 1 + 3 + 3, m.leftContext());
        Tensor x = Tensor.randn(new Random(1), 10, 3, 5);
        AcousticOutput out = m.forward(x, new int[] {10, 7, 1});
        assertArrayEquals(new int[] {4, 3, 4}, out.logProbs().shape());
        assertArrayEquals(new int[] {4, 3, 1}, out.lengths());
        for (int t = 1; t <= 40; t++) assertEquals((t + 2) / 3, m.outputLength(t), "T = " + t);
        float[] lp = out.logProbs().toArray();
        for (int row = 0; row < lp.length / 4; row++) {
            double sum = 0;
            for (int v = 0; v < 4; v++) sum += Math.exp(lp[row * 4 + v]);
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void paddedSequenceMatchesItsOwnRun() {
        TdnnModel m = small();
        warmUp(m, new Random(2));
        Tensor x = Tensor.randn(new Random(4), 12, 2, 5);
        Tensor batch = m.forward(x, new int[] {12, 8}).logProbs();
        Tensor alone = m.forward(Reshape.narrow(Reshape.narrow(x, 1, 1, 1), 0, 0, 8), null).logProbs();
        for (int t = 0; t < alone.size(0); t++) {
            for (int v = 0; v < 4; v++) assertEquals(alone.get(t, 0, v), batch.get(t, 1, v), 1e-5f);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        TdnnModel m = TdnnModel.builder().setInputDim(3).setVocabSize(3).optHiddenDim(3)
                .optLayers(TdnnLayerSpec.parseList("-1,0,1;-1,0,1/2")).optSeed(5).build();
        warmUp(m, new Random(1));   // eval mode: batch norm is affine, away from tiny-batch variance blow-ups
        Tensor x = Tensor.randn(new Random(6), 7, 2, 3).requiresGrad(true);
        int[] lens = {7, 5};
        GradCheck.Result r = GradCheck.check(() -> m.forward(x, lens).logProbs(), m.parameters(), 2e-3f);
        assertTrue(r.passed(3e-2), r.toString());
        GradCheck.Result rx = GradCheck.check(() -> m.forward(x, lens).logProbs(), List.of(x), 2e-3f);
        assertTrue(rx.passed(3e-2), rx.toString());
    }

    @Test
    void trainingModeGradientsWithMaskedBatchNorm() {
        TdnnModel m = TdnnModel.builder().setInputDim(2).setVocabSize(3).optHiddenDim(3)
                .optLayers(TdnnLayerSpec.parseList("-1,0,1;0")).optSeed(8).build();
        // Seeds chosen so no ReLU input lies within the finite-difference step of 0 (with x from
        // Random(9) one pre-activation is 4.5e-5, a kink the central difference straddles).
        Tensor x = Tensor.randn(new Random(11), 12, 3, 2);
        int[] lens = {12, 9, 6};
        GradCheck.Result r = GradCheck.check(() -> m.forward(x, lens).logProbs(), m.parameters(), 2e-3f);
        assertTrue(r.passed(5e-2), r.toString());
    }

    @Test
    void chunkedStreamingEqualsOffline() {
        TdnnModel m = small();
        warmUp(m, new Random(7));
        Tensor x = Tensor.randn(new Random(8), 61, 2, 5);
        for (int size : new int[] {1, 7, 37, 61, 100}) StreamingCheck.assertChunkedEqualsOffline(m, x, i -> size);
        StreamingCheck.assertChunkedEqualsOffline(m, x, StreamingCheck.random(9));
        StreamingCheck.assertChunkedEqualsOffline(m, Reshape.narrow(x, 0, 0, 1), i -> 1);
    }

    @Test
    void batchedStreamingStepsEqualEachStreamOffline() {
        TdnnModel m = small();
        warmUp(m, new Random(7));
        Random r = new Random(10);
        List<Tensor> xs = List.of(Tensor.randn(r, 61, 1, 5), Tensor.randn(r, 1, 1, 5), Tensor.randn(r, 90, 2, 5),
                Tensor.randn(r, 37, 1, 5), Tensor.randn(r, 13, 1, 5));
        for (long seed = 0; seed < 4; seed++) StreamingCheck.assertBatchedStepsEqualOffline(m, xs, seed);
    }

    @Test
    void batchedStreamingErrors() {
        TdnnModel m = small();
        m.eval();
        StreamState s = m.newStream(1);
        Tensor c = Tensor.zeros(2, 1, 5);
        assertThrows(IllegalArgumentException.class, () -> m.forwardChunks(List.of(s, s), List.of(c, c)), "same state twice");
        assertThrows(IllegalArgumentException.class, () -> m.forwardChunks(List.of(s), List.of(c, c)), "count mismatch");
        assertThrows(IllegalArgumentException.class, () -> m.forwardChunks(List.of(small().newStream(1)), List.of(c)), "foreign state");
        assertThrows(IllegalArgumentException.class, () -> m.forwardChunks(List.of(s), List.of(Tensor.zeros(2, 1, 4))), "feature dim");
        assertEquals(0, m.forwardChunks(List.of(s), List.of(Tensor.zeros(0, 1, 5))).get(0).size(0));
        assertThrows(IllegalArgumentException.class, () -> m.finishStreams(List.of(s, s), List.of(c, c)), "same state twice");
        StreamState other = m.newStream(1);
        assertThrows(IllegalArgumentException.class, () -> m.finishStreams(List.of(other, s), List.of(c, Tensor.zeros(1, 1, 4))));
        assertTrue(!other.finished() && !s.finished(), "a rejected batch changes no stream");
        assertEquals(0, m.finishStreams(List.of(other), List.of(Tensor.zeros(0, 1, 5))).get(0).size(0), "no input at all: no output");
        assertTrue(other.finished());
        assertThrows(IllegalStateException.class, () -> m.finishStreams(List.of(other), List.of(c)), "already finished");
    }

    @Test
    void streamingErrors() {
        TdnnModel m = small();
        assertThrows(IllegalStateException.class, () -> m.forwardChunk(m.newStream(1), Tensor.zeros(2, 1, 5)), "training mode");
        m.eval();
        StreamState s = m.newStream(1);
        assertThrows(IllegalArgumentException.class, () -> m.forwardChunk(s, Tensor.zeros(2, 2, 5)));
        assertThrows(IllegalArgumentException.class, () -> m.forwardChunk(small().newStream(1), Tensor.zeros(2, 1, 5)));
        assertEquals(1, m.newStream().batch());
        assertEquals(0, m.forwardChunk(s, Tensor.zeros(0, 1, 5)).size(0));
        m.finishStream(s);
        assertThrows(IllegalStateException.class, () -> m.finishStream(s));
    }

    @Test
    void configRoundTripAndErrors() {
        TdnnModel m = small();
        Map<String, String> c = m.config();
        assertEquals("tdnn", c.get("architecture"));
        assertEquals(c, TdnnModel.fromConfig(c).config());
        Map<String, String> bad = new java.util.HashMap<>(c);
        bad.put("colour", "blue");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TdnnModel.fromConfig(bad)).getMessage().contains("colour"));
        bad.remove("colour");
        bad.remove("hidden_dim");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TdnnModel.fromConfig(bad)).getMessage().contains("hidden_dim"));
        bad.put("hidden_dim", "x");
        assertThrows(IllegalArgumentException.class, () -> TdnnModel.fromConfig(bad));
        assertThrows(IllegalArgumentException.class, () -> TdnnLayerSpec.parse("1,0"));
        assertThrows(IllegalArgumentException.class, () -> TdnnModel.builder().setInputDim(3).build());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(4, 1, 3), null));
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(4, 1, 5), new int[] {5}));
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            assertEquals(2, m.forward(Tensor.zeros(4, 1, 5), new int[] {4}).logProbs().size(0));
        }
    }
}
