package org.elman.nn.rnn;

import static org.elman.nn.rnn.ElmanTestSupport.assertClose;
import static org.elman.nn.rnn.ElmanTestSupport.assertGradients;
import static org.elman.nn.rnn.ElmanTestSupport.outputAndState;
import static org.elman.nn.rnn.ElmanTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.elman.nn.Module;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The Elman-family layers under generic stacking by the {@link Recurrent} contract alone (each
 * layer's state a slice of the concatenated state, the way a stacked container does it).
 */
class ElmanCompositionTest {
    private final List<Recurrent> layers = List.of(
            SimpleRnn.builder().setInputSize(3).setHiddenSize(4).optActivation(Activation.RELU).optSeed(1).build(),
            DeepTransitionRnn.builder().setInputSize(4).setHiddenSize(3).setTransitionDepth(2).optSeed(2).build(),
            JordanNetwork.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2).optStateDecay(0.2f).optSeed(3).build(),
            DeepOutputRnn.builder().setInputSize(2).setHiddenSize(3).setOutputSize(2).optSeed(4).build());

    /** Runs the layers in order; {@code initial} holds one part per layer (all these have one). */
    private RnnOutput stack(Tensor x, int[] lengths, RnnState initial) {
        List<RnnState> finals = new ArrayList<>();
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            RnnOutput out = layers.get(i).forward(h, lengths, initial == null ? null : initial.slice(i, 1));
            h = out.output();
            finals.add(out.state());
        }
        return new RnnOutput(h, RnnState.concat(finals.toArray(RnnState[]::new)));
    }

    @Test
    void chunkedRunWithCarriedStateEqualsTheWholeRun() {
        Tensor x = randn(1, 1f, 6, 3, 3);
        int[] lengths = {6, 4, 5};
        RnnOutput whole = stack(x, lengths, null);
        assertEquals(4, whole.state().size());
        RnnOutput first = stack(x.rows(0, 3), new int[] {3, 3, 3}, null);
        RnnOutput rest = stack(x.rows(3, 3), new int[] {3, 1, 2}, first.state().detach());
        assertClose(whole.output().rows(3, 3), rest.output(), 1e-5, "second chunk");
        for (int i = 0; i < 4; i++) assertClose(whole.state().part(i), rest.state().part(i), 1e-5, "final state " + i);
    }

    @Test
    void gradientsThroughTheStack() {
        Tensor x = randn(2, 1f, 3, 2, 3);
        List<Tensor> inputs = new ArrayList<>();
        for (Recurrent r : layers) inputs.addAll(((Module) r).parameters());
        inputs.add(x);
        assertGradients(() -> outputAndState(stack(x, new int[] {3, 2}, null)), inputs, 1e-3f, 2e-2);
    }
}
