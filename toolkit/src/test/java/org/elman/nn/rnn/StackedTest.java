package org.elman.nn.rnn;

import static org.elman.nn.rnn.LstmTestSupport.assertClose;
import static org.elman.nn.rnn.LstmTestSupport.flatAll;
import static org.elman.nn.rnn.LstmTestSupport.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elman.autograd.GradCheck;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StackedTest {
    @Test
    void gradientsMatchFiniteDifferences() {
        Stacked s = Lstm.builder().setInputSize(2).setHiddenSize(2).optLayers(2).optBidirectional(true).optSeed(3).buildStack();
        Tensor x = input(5, 3, 2, 2);
        int[] lens = {3, 2};
        List<Tensor> inputs = new ArrayList<>(s.parameters());
        inputs.add(x);
        GradCheck.Result r = GradCheck.check(() -> flatAll(s.forward(x, lens, null)), inputs, 1e-2f);
        assertTrue(r.passed(2e-2), r.toString());
    }

    @Test
    void equalsLayersAppliedInTurnAndCarriesState() {
        Lstm a = Lstm.builder().setInputSize(3).setHiddenSize(4).optSeed(1).build();
        Gru b = Gru.builder().setInputSize(4).setHiddenSize(2).optSeed(2).build();
        Stacked s = Stacked.builder().addLayer(a).addLayer(b).build();
        Tensor x = input(1, 5, 2, 3);
        int[] lens = {5, 3};
        RnnState init = new RnnState(Tensor.ones(2, 4), Tensor.ones(2, 4).mul(0.5f), Tensor.ones(2, 2).mul(-1f));
        RnnOutput got = s.forward(x, lens, init);
        RnnOutput ra = a.forward(x, lens, init.slice(0, 2));
        RnnOutput rb = b.forward(ra.output(), lens, init.slice(2, 1));
        assertClose(rb.output(), got.output(), 0, "output");
        assertEquals(3, got.state().size());
        assertClose(ra.state().part(1), got.state().part(1), 0, "layer 0 c");
        assertClose(rb.state().part(0), got.state().part(2), 0, "layer 1 h");
        assertEquals(2, s.outputSize());
        assertEquals(3, s.zeroState(7).size());
    }

    /** {@code buildStack()}: layer k seeded with seed + 2k, its backward direction with seed + 2k + 1 (RnnStackBuilder). */
    @Test
    void stackBuildersSeedEveryLayerAndDirection() {
        Stacked s = Gru.builder().setInputSize(3).setHiddenSize(2).optLayers(2).optBidirectional(true).optSeed(7).buildStack();
        Recurrent l0 = Bidirectional.of(gru(3, 7), gru(3, 8));
        Recurrent l1 = Bidirectional.of(gru(4, 9), gru(4, 10));
        Tensor x = input(2, 5, 2, 3);
        int[] lens = {5, 3};
        RnnOutput got = s.forward(x, lens, null);
        RnnOutput want = l1.forward(l0.forward(x, lens, null).output(), lens, null);
        assertClose(want.output(), got.output(), 0, "output");
        assertEquals(4, s.outputSize());
        assertEquals(2 * 2 * 4, s.parameters().size(), "4 tensors per direction, 2 directions, 2 layers");
        Stacked lstm = Lstm.builder().setInputSize(3).setHiddenSize(2).optLayers(2).optSeed(7).buildStack();
        RnnOutput l = Lstm.builder().setInputSize(2).setHiddenSize(2).optSeed(9).build().forward(
                Lstm.builder().setInputSize(3).setHiddenSize(2).optSeed(7).build().forward(x, lens, null).output(), lens, null);
        assertClose(l.output(), lstm.forward(x, lens, null).output(), 0, "unidirectional LSTM stack");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gru.builder().setInputSize(3).setHiddenSize(2).optLayers(0).buildStack());
        assertTrue(e.getMessage().contains("Gru: layers must be positive, got 0"), e.getMessage());
    }

    private static Gru gru(int in, long seed) {
        return Gru.builder().setInputSize(in).setHiddenSize(2).optSeed(seed).build();
    }

    @Test
    void dropoutIsSeededAndOnlyInTraining() {
        Tensor x = input(2, 4, 2, 3);
        Stacked s1 = Lstm.builder().setInputSize(3).setHiddenSize(5).optLayers(3).optDropout(0.5f).optSeed(4).buildStack();
        Stacked s2 = Lstm.builder().setInputSize(3).setHiddenSize(5).optLayers(3).optDropout(0.5f).optSeed(4).buildStack();
        Stacked plain = Lstm.builder().setInputSize(3).setHiddenSize(5).optLayers(3).optSeed(4).buildStack();
        Tensor y1 = s1.forward(x).output();
        assertClose(y1, s2.forward(x).output(), 0, "same seed, same masks");
        Tensor yPlain = plain.forward(x).output();
        double diff = 0;
        for (int i = 0; i < y1.numel(); i++) diff += Math.abs(y1.toArray()[i] - yPlain.toArray()[i]);
        assertTrue(diff > 1e-3, "dropout changed nothing in training mode");
        s1.eval();
        assertClose(yPlain, s1.forward(x).output(), 0, "no dropout in eval mode");
    }

    @Test
    void badConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Stacked.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stacked.builder().addLayer(Lstm.builder().setInputSize(2).setHiddenSize(2).build()).optDropout(1f).build());
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
        Stacked s = Lstm.builder().setInputSize(2).setHiddenSize(2).optLayers(2).buildStack();
        e = assertThrows(IllegalArgumentException.class, () -> s.forward(Tensor.zeros(2, 1, 2), null, new RnnState(Tensor.zeros(1, 2))));
        assertTrue(e.getMessage().contains("expected 4"), e.getMessage());
    }
}
