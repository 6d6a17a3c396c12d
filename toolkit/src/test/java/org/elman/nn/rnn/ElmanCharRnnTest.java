package org.elman.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elman.autograd.GradMode;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Karpathy's character-level "hello" example: alphabet {h, e, l, o}, one-hot inputs, an Elman
 * network with 3 recurrent units, trained by BPTT on "hell" -> "ello" with Adagrad (written
 * inline) until greedy generation from "h" spells "hello". Needs memory: after "l" the next
 * character is "l" the first time and "o" the second.
 */
class ElmanCharRnnTest {
    private static final String ALPHABET = "helo";

    @Test
    void learnsToSayHello() {
        ElmanNetwork net = ElmanNetwork.builder().setInputSize(4).setHiddenSize(3).setOutputSize(4).optSeed(1).build();
        Tensor x = oneHot("hell");
        Tensor targets = oneHot("ello");
        List<Tensor> params = net.parameters();
        float[][] history = new float[params.size()][];
        for (int i = 0; i < history.length; i++) history[i] = new float[params.get(i).numel()];
        int step = 0;
        String generated = generate(net);
        while (!generated.equals("hello") && step < 3000) {
            net.zeroGrad();
            Tensor logProbs = Softmax.logSoftmax(net.forward(x).output(), 2);
            logProbs.mul(targets).sum().neg().backward();
            adagrad(params, history, 0.1f);
            step++;
            generated = generate(net);
        }
        assertEquals("hello", generated, "after " + step + " Adagrad steps");
        assertTrue(step > 0, "an untrained network should not already say hello");
    }

    private static void adagrad(List<Tensor> params, float[][] history, float lr) {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            float[] g = p.grad().toArray();
            float[] d = p.data();
            for (int k = 0; k < g.length; k++) {
                history[i][k] += g[k] * g[k];
                d[p.offset() + k] -= lr * g[k] / (float) Math.sqrt(history[i][k] + 1e-8f);
            }
        }
    }

    /** Greedy decoding from "h", one step at a time with the state carried. */
    private static String generate(ElmanNetwork net) {
        StringBuilder sb = new StringBuilder("h");
        RnnState state = null;
        try (GradMode.Scope s = GradMode.noGrad()) {
            for (int t = 0; t < 4; t++) {
                RnnOutput out = net.forward(oneHot(sb.substring(t, t + 1)), null, state);
                state = out.state();
                float[] y = out.output().toArray();
                int best = 0;
                for (int k = 1; k < y.length; k++) if (y[k] > y[best]) best = k;
                sb.append(ALPHABET.charAt(best));
            }
        }
        return sb.toString();
    }

    /** {@code (T, 1, 4)} one-hot encoding. */
    private static Tensor oneHot(String s) {
        Tensor t = Tensor.zeros(s.length(), 1, ALPHABET.length());
        for (int i = 0; i < s.length(); i++) t.set(1f, i, 0, ALPHABET.indexOf(s.charAt(i)));
        return t;
    }
}
