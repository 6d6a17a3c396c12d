package org.elman.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.elman.backend.cpu.CpuBackend;
import org.elman.nn.Module;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;

/** Shared helpers of the recurrent-layer tests. */
final class LstmTestSupport {
    private LstmTestSupport() {}

    /** Output and every state part, flattened and joined, so one loss covers all of them. */
    static Tensor flatAll(RnnOutput o) {
        List<Tensor> parts = new ArrayList<>();
        parts.add(o.output().reshape(-1));
        for (Tensor s : o.state().parts()) parts.add(s.reshape(-1));
        return Reshape.concat(0, parts.toArray(new Tensor[0]));
    }

    /** A weighted sum of everything the layer returns, with fixed random weights. */
    static Tensor loss(RnnOutput o, long seed) {
        Tensor all = flatAll(o);
        return all.mul(Tensor.uniform(new Random(seed), -1f, 1f, all.shape())).sum();
    }

    static Tensor input(long seed, int t, int n, int f) {
        return Tensor.uniform(new Random(seed), -1f, 1f, t, n, f).requiresGrad(true);
    }

    static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]) / Math.max(1.0, Math.abs(e[i]));
            if (err > worst) {
                worst = err;
                at = i;
            }
        }
        double w = worst;
        int where = at;
        assertTrue(worst <= tol, () -> what + ": max error " + w + " at " + where + " (expected " + e[where] + ", got " + a[where] + ")");
    }

    /** Asserts that both modules hold gradients that agree for every parameter. */
    static void assertSameGrads(Module expected, Module actual, double tol) {
        Map<String, Tensor> pe = expected.namedParameters();
        Map<String, Tensor> pa = actual.namedParameters();
        assertEquals(pe.keySet(), pa.keySet());
        for (String k : pe.keySet()) {
            assertTrue(pe.get(k).grad() != null, "no gradient for " + k + " (expected side)");
            assertTrue(pa.get(k).grad() != null, "no gradient for " + k);
            assertClose(pe.get(k).grad(), pa.get(k).grad(), tol, "gradient of " + k);
        }
    }

    /** A copy that is a fresh leaf requiring gradients. */
    static Tensor leaf(Tensor t) {
        return t.copy().requiresGrad(true);
    }

    /** Runs {@code body} on the pure-Java backend when {@code pureJava} (the current one otherwise), restoring the backend after. */
    static void onBackend(boolean pureJava, Runnable body) {
        Backend previous = Backends.current();
        if (pureJava) Backends.use(CpuBackend.javaOnly());
        try {
            body.run();
        } finally {
            Backends.use(previous);
        }
    }
}
