package org.elman.nn.rnn;

import static org.elman.nn.rnn.ElmanTestSupport.assertClose;
import static org.elman.nn.rnn.ElmanTestSupport.assertGradients;
import static org.elman.nn.rnn.ElmanTestSupport.outputAndState;
import static org.elman.nn.rnn.ElmanTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The Elman-family layers inside {@link Stacked} (mixed with a GRU) and GRU units inside a ReNet. */
class ElmanCompositionTest {
    private final Stacked stacked = Stacked.builder()
            .addLayer(SimpleRnn.builder().setInputSize(3).setHiddenSize(4).optActivation(Activation.RELU).optSeed(1).build())
            .addLayer(DeepTransitionRnn.builder().setInputSize(4).setHiddenSize(3).setTransitionDepth(2).optSeed(2).build())
            .addLayer(Gru.builder().setInputSize(3).setHiddenSize(3).optSeed(5).build())
            .addLayer(JordanNetwork.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2).optStateDecay(0.2f).optSeed(3).build())
            .addLayer(DeepOutputRnn.builder().setInputSize(2).setHiddenSize(3).setOutputSize(2).optSeed(4).build())
            .build();

    private RnnOutput stack(Tensor x, int[] lengths, RnnState initial) {
        return stacked.forward(x, lengths, initial);
    }

    @Test
    void chunkedRunWithCarriedStateEqualsTheWholeRun() {
        Tensor x = randn(1, 1f, 6, 3, 3);
        int[] lengths = {6, 4, 5};
        RnnOutput whole = stack(x, lengths, null);
        assertEquals(5, whole.state().size());
        RnnOutput first = stack(x.rows(0, 3), new int[] {3, 3, 3}, null);
        RnnOutput rest = stack(x.rows(3, 3), new int[] {3, 1, 2}, first.state().detach());
        assertClose(whole.output().rows(3, 3), rest.output(), 1e-5, "second chunk");
        for (int i = 0; i < 5; i++) assertClose(whole.state().part(i), rest.state().part(i), 1e-5, "final state " + i);
    }

    @Test
    void gradientsThroughTheStack() {
        Tensor x = randn(2, 1f, 3, 2, 3);
        List<Tensor> inputs = new ArrayList<>(stacked.parameters());
        inputs.add(x);
        assertGradients(() -> outputAndState(stack(x, new int[] {3, 2}, null)), inputs, 1e-3f, 2e-2);
    }

    @Test
    void gruUnitsInAReNetLayer() {
        SpatialRnn renet = SpatialRnn.builder().setInputChannels(1).setPatchSize(2, 1)
                .optUnit(f -> Gru.builder().setInputSize(f).setHiddenSize(2).optSeed(f).build()).build();
        assertEquals(4, renet.outputChannels());
        Tensor image = randn(3, 1f, 1, 1, 4, 3);
        assertEquals(List.of(1, 4, 2, 3), java.util.Arrays.stream(renet.forward(image).shape()).boxed().toList());
        List<Tensor> inputs = new ArrayList<>(renet.parameters());
        inputs.add(image);
        assertGradients(() -> renet.forward(image), inputs, 1e-3f, 2e-2);
    }
}
