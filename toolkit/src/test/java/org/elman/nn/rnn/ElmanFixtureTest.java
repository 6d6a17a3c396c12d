package org.elman.nn.rnn;

import static org.elman.nn.rnn.ElmanTestSupport.assertClose;
import static org.elman.nn.rnn.ElmanTestSupport.tensor;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elman.nn.Module;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Golden values from {@code src/test/python/gen_elman_fixtures.py} (numpy; hand-written BPTT
 * checked there by float64 finite differences, or the differences themselves for Jordan):
 * forward outputs, final state and every gradient of {@code sum(out * G) + sum(s_final * G2)} on
 * a padded batch with lengths [5, 2, 4] and a non-zero initial state.
 */
class ElmanFixtureTest {
    private static final double TOL = 1e-4;

    @Test
    void tanhRnnMatchesNumpy() throws IOException {
        SimpleRnn rnn = SimpleRnn.builder().setInputSize(3).setHiddenSize(4).build();
        check("/fixtures/elman/tanh_rnn.json", rnn, rnn);
    }

    @Test
    void reluRnnMatchesNumpy() throws IOException {
        SimpleRnn rnn = SimpleRnn.builder().setInputSize(3).setHiddenSize(4).optActivation(Activation.RELU).build();
        check("/fixtures/elman/relu_rnn.json", rnn, rnn);
    }

    @Test
    void jordanNetworkMatchesNumpy() throws IOException {
        JordanNetwork net = JordanNetwork.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2).optStateDecay(0.25f).build();
        check("/fixtures/elman/jordan_network.json", net, net);
    }

    @Test
    void elmanNetworkMatchesNumpy() throws IOException {
        ElmanNetwork net = ElmanNetwork.builder().setInputSize(3).setHiddenSize(4).setOutputSize(2).build();
        check("/fixtures/elman/elman_network.json", net, net);
    }

    @SuppressWarnings("unchecked")
    private static void check(String resource, Module module, Recurrent layer) throws IOException {
        Map<String, Object> doc = ElmanTestSupport.loadJson(resource);
        Map<String, Tensor> params = new LinkedHashMap<>();
        ((Map<String, Object>) doc.get("params")).forEach((k, v) -> params.put(k, tensor(v)));
        module.loadStateDict(params);
        int[] lengths = ((List<Object>) doc.get("lengths")).stream().mapToInt(v -> ((Double) v).intValue()).toArray();
        Tensor x = tensor(doc.get("x")).requiresGrad(true);
        Tensor s0 = tensor(doc.get("initial_state")).requiresGrad(true);

        RnnOutput out = layer.forward(x, lengths, new RnnState(s0));
        assertClose(tensor(doc.get("output")), out.output(), TOL, "output");
        assertClose(tensor(doc.get("final_state")), out.state().part(0), TOL, "final state");

        Tensor loss = out.output().mul(tensor(doc.get("grad_output_seed"))).sum()
                .add(out.state().part(0).mul(tensor(doc.get("grad_final_seed"))).sum());
        loss.backward();
        Map<String, Object> grads = (Map<String, Object>) doc.get("grads");
        Map<String, Tensor> named = module.namedParameters();
        for (Map.Entry<String, Object> g : grads.entrySet()) {
            assertClose(tensor(g.getValue()), named.get(g.getKey()).grad(), TOL, "grad of " + g.getKey());
        }
        assertClose(tensor(doc.get("grad_x")), x.grad(), TOL, "grad of x");
        assertClose(tensor(doc.get("grad_initial_state")), s0.grad(), TOL, "grad of the initial state");
    }
}
