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
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class JordanNetworkTest {
    private static JordanNetwork net(float decay) {
        return JordanNetwork.builder().setInputSize(3).setHiddenSize(5).setOutputSize(2).optStateDecay(decay).optSeed(9).build();
    }

    @Test
    void stateIsThePreviousOutput() {
        JordanNetwork j = net(0f);
        Tensor x = randn(1, 1f, 4, 3, 3);
        RnnOutput out = j.forward(x, new int[] {4, 2, 3}, null);
        assertArrayEquals(new int[] {4, 3, 2}, out.output().shape());
        int[] last = {3, 1, 2};
        for (int n = 0; n < 3; n++) {
            for (int k = 0; k < 2; k++) assertEquals(out.output().get(last[n], n, k), out.state().part(0).get(n, k), 0f);
        }
    }

    @Test
    void secondStepFeedsBackTheFirstOutput() {
        JordanNetwork j = net(0f);
        var p = j.namedParameters();
        Tensor x = randn(2, 1f, 2, 1, 3);
        Tensor y = j.forward(x).output();
        Tensor y0 = Reshape.select(y, 0, 0);
        Tensor h1 = Linalg.linear(Reshape.select(x, 0, 1), p.get("weight_ih"), p.get("bias_h"))
                .add(Linalg.linear(y0, p.get("weight_yh"), null)).tanh();
        Tensor y1 = Linalg.linear(h1, p.get("weight_hy"), p.get("bias_y")).sigmoid();
        assertClose(y1, Reshape.select(y, 0, 1), 1e-6, "y_1");
    }

    @Test
    void gradientsWithDecayAndUnevenLengths() {
        JordanNetwork j = net(0.5f);
        Tensor x = randn(3, 1f, 4, 3, 3);
        Tensor s0 = randn(4, 0.5f, 3, 2);
        List<Tensor> inputs = new ArrayList<>(j.parameters());
        inputs.add(x);
        inputs.add(s0);
        assertGradients(() -> outputAndState(j.forward(x, new int[] {4, 1, 3}, new RnnState(s0))), inputs, 1e-3f, 1e-2);
    }

    @Test
    void carriedStateContinuesTheSequence() {
        JordanNetwork j = net(0.3f);
        Tensor x = randn(5, 1f, 5, 2, 3);
        RnnOutput whole = j.forward(x);
        RnnOutput rest = j.forward(x.rows(3, 2), null, j.forward(x.rows(0, 3)).state());
        assertClose(whole.output().rows(3, 2), rest.output(), 1e-6, "continued output");
    }

    @Test
    void badConfigAndInput() {
        assertMessage("state decay", () -> JordanNetwork.builder().setInputSize(3).setHiddenSize(5).setOutputSize(2).optStateDecay(1f).build());
        assertMessage("output size (setOutputSize)", () -> JordanNetwork.builder().setInputSize(3).setHiddenSize(5).build());
        assertMessage("JordanNetwork: input size (setInputSize) must be set and > 0, got -1",
                () -> JordanNetwork.builder().setHiddenSize(5).setOutputSize(2).build());
        assertMessage("initial state part 0", () -> net(0f).forward(randn(1, 1f, 2, 2, 3), null, new RnnState(Tensor.zeros(2, 5))));
        assertMessage("negative", () -> net(0f).forward(randn(1, 1f, 2, 2, 3), new int[] {-2, 1}, null));
    }
}
