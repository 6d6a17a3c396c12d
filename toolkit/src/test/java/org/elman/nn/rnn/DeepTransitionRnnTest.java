package org.elman.nn.rnn;

import static org.elman.nn.rnn.ElmanTestSupport.assertClose;
import static org.elman.nn.rnn.ElmanTestSupport.assertGradients;
import static org.elman.nn.rnn.ElmanTestSupport.outputAndState;
import static org.elman.nn.rnn.ElmanTestSupport.randn;
import static org.elman.nn.rnn.SimpleRnnTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elman.ops.Linalg;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DeepTransitionRnnTest {
    private static DeepTransitionRnn deep(int depth, Activation act) {
        return DeepTransitionRnn.builder().setInputSize(3).setHiddenSize(4).setTransitionDepth(depth)
                .optTransitionSize(5).optActivation(act).optSeed(4).build();
    }

    @Test
    void depthOneIsTheConventionalRnn() {
        DeepTransitionRnn d = deep(1, Activation.TANH);
        SimpleRnn s = SimpleRnn.builder().setInputSize(3).setHiddenSize(4).build();
        Map<String, Tensor> p = d.namedParameters();
        s.loadStateDict(Map.of("weight_ih", p.get("weight_ih"), "weight_hh", p.get("weight_hh"),
                "bias_ih", p.get("bias"), "bias_hh", Tensor.zeros(4)));
        Tensor x = randn(1, 1f, 5, 2, 3);
        assertClose(s.forward(x).output(), d.forward(x).output(), 1e-6, "depth-1 output");
    }

    @Test
    void transitionIsAnMlpBetweenStates() {
        DeepTransitionRnn d = deep(3, Activation.TANH);
        assertEquals(3, d.transitionDepth());
        Map<String, Tensor> p = d.namedParameters();
        assertArrayEquals(new int[] {5, 3}, p.get("weight_ih").shape());
        assertArrayEquals(new int[] {5, 5}, p.get("transition2_weight").shape());
        assertArrayEquals(new int[] {4, 5}, p.get("transition3_weight").shape());
        Tensor x = randn(2, 1f, 2, 2, 3);
        Tensor h = d.forward(x).output();
        Tensor h0 = Reshape.select(h, 0, 0);
        Tensor z = Linalg.linear(Reshape.select(x, 0, 1), p.get("weight_ih"), p.get("bias"))
                .add(Linalg.linear(h0, p.get("weight_hh"), null)).tanh();
        z = Linalg.linear(z, p.get("transition2_weight"), p.get("transition2_bias")).tanh();
        z = Linalg.linear(z, p.get("transition3_weight"), p.get("transition3_bias")).tanh();
        assertClose(z, Reshape.select(h, 0, 1), 1e-6, "h_1");
    }

    @Test
    void gradientsTanhWithUnevenLengths() {
        checkGradients(Activation.TANH);
    }

    @Test
    void gradientsRelu() {
        checkGradients(Activation.RELU);
    }

    private static void checkGradients(Activation act) {
        DeepTransitionRnn d = deep(3, act);
        Tensor x = randn(5, 1f, 4, 2, 3);
        Tensor h0 = randn(6, 0.5f, 2, 4);
        List<Tensor> inputs = new ArrayList<>(d.parameters());
        inputs.add(x);
        inputs.add(h0);
        assertGradients(() -> outputAndState(d.forward(x, new int[] {4, 2}, new RnnState(h0))), inputs, 1e-3f, 1e-2);
    }

    @Test
    void badConfigAndInput() {
        assertMessage("transition depth", () -> DeepTransitionRnn.builder().setInputSize(3).setHiddenSize(4).build());
        assertMessage("transition size", () -> DeepTransitionRnn.builder().setInputSize(3).setHiddenSize(4)
                .setTransitionDepth(2).optTransitionSize(0).build());
        assertMessage("F = 4", () -> deep(2, Activation.TANH).forward(randn(1, 1f, 2, 2, 4)));
        assertMessage("exceeds T", () -> deep(2, Activation.TANH).forward(randn(1, 1f, 2, 2, 3), new int[] {2, 9}, null));
    }
}
