package org.elman.nn.rnn;

import static org.elman.nn.rnn.LstmTestSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elman.nn.Module;
import org.elman.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LSTM and GRU against golden values from an independent numpy implementation of PyTorch's
 * equations ({@code src/test/python/gen_rnn_fixtures.py}): outputs, final states, and the
 * gradients of every parameter, the input and the initial state.
 */
class LstmGoldenTest {
    private static final double TOL = 1e-4;

    @ParameterizedTest
    @CsvSource({"lstm,false", "lstm,true", "lstm_uneven,false", "lstm_uneven,true", "lstm_peephole,false",
            "lstm_peephole,true", "gru,false", "gru,true", "gru_uneven,false", "gru_uneven,true"})
    void matchesNumpyFixture(String name, boolean reference) throws Exception {
        LstmFixtures.Fixture fx = LstmFixtures.load(name);
        boolean lstm = "lstm".equals(fx.doc().get("kind"));
        int f = fx.size("F");
        int h = fx.size("H");
        Module m;
        if (lstm) {
            m = Lstm.builder().setInputSize(f).setHiddenSize(h).optPeepholes(Boolean.TRUE.equals(fx.doc().get("peephole")))
                    .optReference(reference).build();
        } else {
            m = Gru.builder().setInputSize(f).setHiddenSize(h).optReference(reference).build();
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String k : m.namedParameters().keySet()) weights.put(k, fx.tensor(k));
        m.loadStateDict(weights);
        Tensor x = fx.tensor("x").copy().requiresGrad(true);
        Tensor h0 = fx.tensor("h0").copy().requiresGrad(true);
        Tensor c0 = lstm ? fx.tensor("c0").copy().requiresGrad(true) : null;
        RnnState s0 = lstm ? new RnnState(h0, c0) : new RnnState(h0);
        RnnOutput out = ((Recurrent) m).forward(x, fx.lengths(), s0);
        assertClose(fx.tensor("out"), out.output(), TOL, name + " output");
        assertClose(fx.tensor("h_n"), out.state().part(0), TOL, name + " h_n");
        Tensor loss = out.output().mul(fx.tensor("w_out")).sum().add(out.state().part(0).mul(fx.tensor("w_h")).sum());
        if (lstm) {
            assertClose(fx.tensor("c_n"), out.state().part(1), TOL, name + " c_n");
            loss = loss.add(out.state().part(1).mul(fx.tensor("w_c")).sum());
        }
        assertEquals(((Number) fx.doc().get("loss")).doubleValue(), loss.item(), TOL, name + " loss");
        loss.backward();
        m.namedParameters().forEach((k, p) -> assertClose(fx.tensor("grad." + k), p.grad(), TOL, name + " grad " + k));
        assertClose(fx.tensor("grad.x"), x.grad(), TOL, name + " grad x");
        assertClose(fx.tensor("grad.h0"), h0.grad(), TOL, name + " grad h0");
        if (lstm) assertClose(fx.tensor("grad.c0"), c0.grad(), TOL, name + " grad c0");
    }
}
