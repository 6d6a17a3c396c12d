package org.elman.nn.rnn;

import static org.elman.nn.rnn.ElmanTestSupport.assertClose;
import static org.elman.nn.rnn.ElmanTestSupport.assertGradients;
import static org.elman.nn.rnn.ElmanTestSupport.outputAndState;
import static org.elman.nn.rnn.ElmanTestSupport.randn;
import static org.elman.nn.rnn.SimpleRnnTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DeepOutputRnnTest {
    @Test
    void depthOneIsTheElmanNetwork() {
        DeepOutputRnn d = DeepOutputRnn.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2).optOutputDepth(1).build();
        ElmanNetwork e = ElmanNetwork.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2).build();
        Map<String, Tensor> state = new HashMap<>();
        d.namedParameters().forEach((k, v) -> state.put(k.replace("core.", "hidden.")
                .replace("output1_weight", "weight_hy").replace("output1_bias", "bias_y"), v));
        e.loadStateDict(state);
        Tensor x = randn(1, 1f, 5, 3, 3);
        int[] lengths = {5, 1, 3};
        assertClose(e.forward(x, lengths, null).output(), d.forward(x, lengths, null).output(), 1e-6, "y");
    }

    @Test
    void shapesAndLayers() {
        DeepOutputRnn d = DeepOutputRnn.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2)
                .optOutputDepth(3).optOutputLayerSize(6).build();
        Map<String, Tensor> p = d.namedParameters();
        assertArrayEquals(new int[] {6, 4}, p.get("output1_weight").shape());
        assertArrayEquals(new int[] {6, 6}, p.get("output2_weight").shape());
        assertArrayEquals(new int[] {2, 6}, p.get("output3_weight").shape());
        RnnOutput out = d.forward(randn(2, 1f, 4, 2, 3), new int[] {4, 2}, null);
        assertArrayEquals(new int[] {4, 2, 2}, out.output().shape());
        assertEquals(0f, out.output().get(3, 1, 0));
        assertArrayEquals(new int[] {2, 4}, out.state().part(0).shape());
    }

    @Test
    void gradientsWithUnevenLengths() {
        DeepOutputRnn d = DeepOutputRnn.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2)
                .optOutputDepth(3).optOutputLayerSize(3).optSeed(2).build();
        Tensor x = randn(3, 1f, 4, 3, 3);
        List<Tensor> inputs = new ArrayList<>(d.parameters());
        inputs.add(x);
        assertGradients(() -> outputAndState(d.forward(x, new int[] {3, 4, 1}, null)), inputs, 1e-3f, 1e-2);
    }

    @Test
    void anyRecurrentModuleCanBeTheCore() {
        DeepOutputRnn dot = DeepOutputRnn.builder().setInputSize(3).setOutputSize(2)
                .optCore(f -> DeepTransitionRnn.builder().setInputSize(f).setHiddenSize(5).setTransitionDepth(2).build())
                .build();
        assertEquals(5, dot.core().outputSize());
        assertEquals(true, dot.namedParameters().containsKey("core.transition2_weight"));
        Tensor x = randn(4, 1f, 3, 2, 3);
        List<Tensor> inputs = new ArrayList<>(dot.parameters());
        inputs.add(x);
        assertGradients(() -> outputAndState(dot.forward(x, new int[] {3, 2}, null)), inputs, 1e-3f, 1e-2);
    }

    @Test
    void badConfig() {
        assertMessage("hidden size", () -> DeepOutputRnn.builder().setInputSize(3).setOutputSize(2).build());
        assertMessage("output depth", () -> DeepOutputRnn.builder().setInputSize(3).setHiddenSize(3).setOutputSize(2).optOutputDepth(0).build());
        assertMessage("must be a Module", () -> DeepOutputRnn.builder().setInputSize(3).setOutputSize(2).optCore(f -> null).build());
        assertMessage("F = 2", () -> DeepOutputRnn.builder().setInputSize(3).setHiddenSize(3).setOutputSize(2).build()
                .forward(randn(1, 1f, 2, 2, 2)));
    }
}
