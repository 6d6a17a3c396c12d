package org.elman.nn.rnn;

import static org.elman.nn.rnn.ElmanTestSupport.assertClose;
import static org.elman.nn.rnn.ElmanTestSupport.assertGradients;
import static org.elman.nn.rnn.ElmanTestSupport.outputAndState;
import static org.elman.nn.rnn.ElmanTestSupport.randn;
import static org.elman.nn.rnn.ElmanTestSupport.sequence;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elman.autograd.GradMode;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SimpleRnnTest {
    private static SimpleRnn rnn(Activation act) {
        return SimpleRnn.builder().setInputSize(3).setHiddenSize(4).optActivation(act).optSeed(5).build();
    }

    @Test
    void shapesAndParameterLayout() {
        SimpleRnn r = rnn(Activation.TANH);
        RnnOutput out = r.forward(randn(1, 1f, 6, 2, 3));
        assertArrayEquals(new int[] {6, 2, 4}, out.output().shape());
        assertEquals(1, out.state().size());
        assertArrayEquals(new int[] {2, 4}, out.state().part(0).shape());
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"), new ArrayList<>(r.namedParameters().keySet()));
        assertArrayEquals(new int[] {4, 3}, r.namedParameters().get("weight_ih").shape());
        assertEquals(4, r.outputSize());
        SimpleRnn noBias = SimpleRnn.builder().setInputSize(3).setHiddenSize(4).optBias(false).build();
        assertEquals(2, noBias.parameters().size());
    }

    @Test
    void firstStepIsTheEquation() {
        SimpleRnn r = rnn(Activation.RELU);
        Tensor x = randn(2, 1f, 1, 1, 3);
        Tensor h0 = randn(3, 1f, 1, 4);
        var p = r.namedParameters();
        Tensor h = r.forward(x, null, new RnnState(h0)).output();
        for (int j = 0; j < 4; j++) {
            double a = p.get("bias_ih").get(j) + p.get("bias_hh").get(j);
            for (int k = 0; k < 3; k++) a += p.get("weight_ih").get(j, k) * x.get(0, 0, k);
            for (int k = 0; k < 4; k++) a += p.get("weight_hh").get(j, k) * h0.get(0, k);
            assertEquals(Math.max(0, a), h.get(0, 0, j), 1e-5);
        }
    }

    @Test
    void tanhGradients() {
        checkGradients(Activation.TANH, null);
    }

    @Test
    void reluGradients() {
        checkGradients(Activation.RELU, null);
    }

    @Test
    void unevenLengthGradients() {
        checkGradients(Activation.TANH, new int[] {4, 1, 0});
    }

    private static void checkGradients(Activation act, int[] lengths) {
        SimpleRnn r = rnn(act);
        Tensor x = randn(11, 1f, 4, 3, 3);
        Tensor h0 = randn(12, 0.5f, 3, 4);
        List<Tensor> inputs = new ArrayList<>(r.parameters());
        inputs.add(x);
        inputs.add(h0);
        assertGradients(() -> outputAndState(r.forward(x, lengths, new RnnState(h0))), inputs, 1e-3f, 1e-2);
    }

    @Test
    void paddedBatchEqualsSequencesRunAlone() {
        SimpleRnn r = rnn(Activation.TANH);
        int[] lengths = {5, 2, 0, 4};
        Tensor x = randn(21, 1f, 5, 4, 3).requiresGrad(true);
        Tensor h0 = randn(22, 0.5f, 4, 4);
        RnnOutput batch = r.forward(x, lengths, new RnnState(h0));
        batch.output().mul(randn(23, 1f, 5, 4, 4)).sum().backward();
        Tensor batchGradW = r.namedParameters().get("weight_hh").grad().copy();
        float[] gx = x.grad().toArray();
        r.zeroGrad();
        Tensor seed = randn(23, 1f, 5, 4, 4);
        for (int n = 0; n < 4; n++) {
            Tensor hn = Reshape.narrow(h0, 0, n, 1);
            RnnOutput alone = r.forward(sequence(x, n, lengths[n]), null, new RnnState(hn));
            assertClose(sequence(batch.output(), n, lengths[n]), alone.output(), 1e-6, "output of sequence " + n);
            assertClose(Reshape.narrow(batch.state().part(0), 0, n, 1), alone.state().part(0), 1e-6, "final state of " + n);
            if (lengths[n] > 0) alone.output().mul(sequence(seed, n, lengths[n])).sum().backward();
            for (int t = lengths[n]; t < 5; t++) {
                for (int j = 0; j < 4; j++) assertEquals(0f, batch.output().get(t, n, j), "padded output");
                for (int k = 0; k < 3; k++) assertEquals(0f, gx[(t * 4 + n) * 3 + k], "gradient at a padded step");
            }
        }
        assertClose(r.namedParameters().get("weight_hh").grad(), batchGradW, 1e-5, "summed weight gradient");
    }

    @Test
    void carriedStateContinuesTheSequence() {
        SimpleRnn r = rnn(Activation.TANH);
        Tensor x = randn(31, 1f, 6, 2, 3);
        RnnOutput whole = r.forward(x);
        RnnOutput first = r.forward(x.rows(0, 2), null, null);
        RnnOutput rest = r.forward(x.rows(2, 4), null, first.state().detach());
        assertClose(whole.output().rows(2, 4), rest.output(), 1e-6, "continued output");
        assertClose(whole.state().part(0), rest.state().part(0), 1e-6, "final state");
    }

    @Test
    void emptySequenceBatch() {
        SimpleRnn r = rnn(Activation.TANH);
        RnnOutput out = r.forward(Tensor.zeros(0, 2, 3), new int[] {0, 0}, null);
        assertArrayEquals(new int[] {0, 2, 4}, out.output().shape());
        assertArrayEquals(new int[] {2, 4}, out.state().part(0).shape());
    }

    @Test
    void inferenceRecordsNothing() {
        SimpleRnn r = rnn(Activation.TANH);
        try (GradMode.Scope s = GradMode.noGrad()) {
            assertTrue(r.forward(randn(1, 1f, 3, 2, 3)).output().isLeaf());
        }
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        SimpleRnn r = rnn(Activation.TANH);
        Tensor x = randn(1, 1f, 5, 2, 3);
        assertMessage("F = 2", () -> r.forward(randn(1, 1f, 5, 2, 2)));
        assertMessage("(T, N, F)", () -> r.forward(randn(1, 1f, 5, 3)));
        assertMessage("exceeds T = 5", () -> r.forward(x, new int[] {6, 1}, null));
        assertMessage("negative", () -> r.forward(x, new int[] {-1, 1}, null));
        assertMessage("3 lengths for a batch of N = 2", () -> r.forward(x, new int[] {1, 1, 1}, null));
        assertMessage("initial state part 0", () -> r.forward(x, null, new RnnState(Tensor.zeros(2, 5))));
        assertMessage("2 parts, expected 1", () -> r.forward(x, null, new RnnState(Tensor.zeros(2, 4), Tensor.zeros(2, 4))));
        assertMessage("hidden size", () -> SimpleRnn.builder().setInputSize(3).build());
        assertMessage("input size", () -> SimpleRnn.builder().setHiddenSize(3).build());
        assertMessage("TANH or RELU", () -> SimpleRnn.builder().setInputSize(3).setHiddenSize(3).optActivation(Activation.SIGMOID).build());
        assertMessage("unknown activation 'gelu'", () -> Activation.parse("gelu"));
        assertEquals(Activation.RELU, Activation.parse(" ReLU "));
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should mention '" + part + "'");
    }
}
