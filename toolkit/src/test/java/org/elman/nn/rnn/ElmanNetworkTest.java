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
import org.elman.ops.Linalg;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ElmanNetworkTest {
    private static ElmanNetwork net(Activation g) {
        return ElmanNetwork.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2).optOutputActivation(g).optSeed(3).build();
    }

    @Test
    void outputLayerReadsTheHiddenLayer() {
        ElmanNetwork n = net(Activation.SIGMOID);
        Tensor x = randn(1, 1f, 5, 2, 3);
        RnnOutput out = n.forward(x);
        assertArrayEquals(new int[] {5, 2, 2}, out.output().shape());
        assertArrayEquals(new int[] {2, 4}, out.state().part(0).shape());
        var p = n.namedParameters();
        Tensor h = n.hidden().forward(x).output();
        Tensor expected = Linalg.linear(h, p.get("weight_hy"), p.get("bias_y")).sigmoid();
        assertClose(expected, out.output(), 1e-6, "y");
        assertEquals(List.of("weight_hy", "bias_y", "hidden.weight_ih", "hidden.weight_hh", "hidden.bias_ih", "hidden.bias_hh"),
                new ArrayList<>(p.keySet()));
    }

    @Test
    void gradientsWithUnevenLengths() {
        ElmanNetwork n = net(Activation.TANH);
        Tensor x = randn(2, 1f, 4, 3, 3);
        Tensor h0 = randn(3, 0.5f, 3, 4);
        List<Tensor> inputs = new ArrayList<>(n.parameters());
        inputs.add(x);
        inputs.add(h0);
        assertGradients(() -> outputAndState(n.forward(x, new int[] {2, 4, 3}, new RnnState(h0))), inputs, 1e-3f, 1e-2);
    }

    @Test
    void paddedStepsOutputZeroEvenWithBias() {
        ElmanNetwork n = net(Activation.IDENTITY);
        Tensor y = n.forward(randn(4, 1f, 3, 2, 3), new int[] {1, 3}, null).output();
        for (int t = 1; t < 3; t++) {
            assertEquals(0f, y.get(t, 0, 0));
            assertEquals(0f, y.get(t, 0, 1));
        }
    }

    @Test
    void badConfigAndInput() {
        assertMessage("output size", () -> ElmanNetwork.builder().setInputSize(3).setHiddenSize(4).build());
        assertMessage("hidden size", () -> ElmanNetwork.builder().setInputSize(3).setOutputSize(4).build());
        assertMessage("F = 5", () -> net(Activation.TANH).forward(randn(1, 1f, 2, 2, 5)));
        assertMessage("exceeds T = 2", () -> net(Activation.TANH).forward(randn(1, 1f, 2, 2, 3), new int[] {3, 1}, null));
    }
}
