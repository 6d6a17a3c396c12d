package org.elman.nn.rnn;

import static org.elman.nn.rnn.LstmTestSupport.assertClose;
import static org.elman.nn.rnn.LstmTestSupport.flatAll;
import static org.elman.nn.rnn.LstmTestSupport.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.elman.autograd.GradMode;
import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.elman.backend.cpu.CpuBackend;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LstmStepperTest {
    private static Lstm lstm(int f, int h, boolean peep) {
        return Lstm.builder().setInputSize(f).setHiddenSize(h).optPeepholes(peep).optSeed(11).build();
    }

    private static RnnState state(int n, int h) {
        Random r = new Random(4);
        return new RnnState(Tensor.uniform(r, -1f, 1f, n, h), Tensor.uniform(r, -1f, 1f, n, h));
    }

    /** Every split of the hidden units (even, uneven, one unit per thread) gives the layer's result. */
    private static void assertSplitsMatchTheLayer() {
        for (boolean peep : new boolean[] {false, true}) {
            Lstm l = lstm(5, 7, peep);
            Tensor x = input(3, 9, 2, 5);
            RnnState s = state(2, 7);
            RnnOutput expected;
            try (GradMode.Scope g = GradMode.noGrad()) {
                expected = l.forward(x, null, s);
            }
            for (int threads : new int[] {1, 2, 3, 7}) {
                try (LstmStepper st = l.stepper(threads)) {
                    assertEquals(threads, st.threads());
                    assertClose(flatAll(expected), flatAll(st.forward(x, s)), 1e-6, "peepholes " + peep + ", threads " + threads);
                }
            }
        }
    }

    @Test
    void splitStepsMatchTheLayer() {
        assertSplitsMatchTheLayer();
    }

    @Test
    void splitStepsMatchTheLayerOnThePureJavaBackend() {
        Backend previous = Backends.current();
        Backends.use(CpuBackend.javaOnly());
        try {
            assertSplitsMatchTheLayer();
        } finally {
            Backends.use(previous);
        }
    }

    @Test
    void stepsWithPausesBetweenThemStayExact() throws InterruptedException {
        // pauses longer than the helpers' spin make them park, so each step also tests the wake-up
        Lstm l = lstm(4, 16, false);
        float[] x = input(5, 40, 1, 4).toArray();
        float[] h1 = new float[16];
        float[] c1 = new float[16];
        float[] h2 = new float[16];
        float[] c2 = new float[16];
        Random pause = new Random(6);
        try (LstmStepper one = l.stepper(); LstmStepper two = l.stepper(2)) {
            for (int t = 0; t < 40; t++) {
                one.step(x, t * 4, h1, c1);
                two.step(x, t * 4, h2, c2);
                for (int j = 0; j < 16; j++) {
                    assertEquals(h1[j], h2[j], 1e-6, "h, step " + t);
                    assertEquals(c1[j], c2[j], 1e-6, "c, step " + t);
                }
                if (t % 3 == 0) Thread.sleep(pause.nextInt(3));
            }
        }
    }

    @Test
    void badThreadCountsAndStatesAreRejected() {
        Lstm l = lstm(3, 4, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.stepper(0));
        assertTrue(e.getMessage().contains("threads must be in [1, hidden size 4], got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.stepper(5));
        try (LstmStepper st = l.stepper(2)) {
            e = assertThrows(IllegalArgumentException.class, () -> st.step(new float[3], 0, new float[3], new float[4]));
            assertTrue(e.getMessage().contains("h and c need 4 values"), e.getMessage());
        }
    }
}
