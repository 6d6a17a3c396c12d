package org.elman.nn.rnn;

import static org.elman.nn.rnn.LstmTestSupport.assertClose;
import static org.elman.nn.rnn.LstmTestSupport.assertSameGrads;
import static org.elman.nn.rnn.LstmTestSupport.flatAll;
import static org.elman.nn.rnn.LstmTestSupport.input;
import static org.elman.nn.rnn.LstmTestSupport.leaf;
import static org.elman.nn.rnn.LstmTestSupport.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.autograd.GradCheck;
import org.elman.autograd.GradMode;
import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.elman.backend.cpu.CpuBackend;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LstmTest {
    private static Lstm lstm(int f, int h, boolean peep, boolean reference, long seed) {
        return Lstm.builder().setInputSize(f).setHiddenSize(h).optPeepholes(peep).optReference(reference).optSeed(seed).build();
    }

    private static RnnState randomState(long seed, int n, int h) {
        Random r = new Random(seed);
        return new RnnState(Tensor.uniform(r, -1f, 1f, n, h).requiresGrad(true), Tensor.uniform(r, -1f, 1f, n, h).requiresGrad(true));
    }

    private static void gradCheck(boolean peep, boolean reference, int[] lengths) {
        Lstm l = lstm(3, 2, peep, reference, 5);
        Tensor x = input(1, 4, 3, 3);
        RnnState s0 = randomState(2, 3, 2);
        List<Tensor> inputs = new ArrayList<>(l.parameters());
        inputs.add(x);
        inputs.addAll(s0.parts());
        GradCheck.Result r = GradCheck.check(() -> flatAll(l.forward(x, lengths, s0)), inputs, 1e-2f);
        assertTrue(r.passed(2e-2), r.toString());
    }

    @Test
    void fusedGradientsMatchFiniteDifferences() {
        gradCheck(false, false, null);
        gradCheck(false, false, new int[] {4, 1, 2});
    }

    @Test
    void peepholeGradientsMatchFiniteDifferences() {
        gradCheck(true, false, new int[] {2, 4, 0});
        gradCheck(true, true, new int[] {3, 4, 1});
    }

    /** {@code parts} > 0: the peephole path's step loops on that many parts of the batch in parallel (as with spare cores). */
    @ParameterizedTest
    @CsvSource({"1,1,1,1,false,,0", "5,3,4,6,false,5;2;0,0", "7,4,3,5,true,7;1;4;6,0", "6,2,8,3,true,,0", "3,5,2,4,false,1;3;2;3;0,0",
        "7,4,3,5,true,7;1;4;6,3", "5,5,2,4,true,1;3;5;3;0,5", "6,3,8,3,true,,2"})
    void fusedMatchesComposedReference(int t, int n, int f, int h, boolean peep, String lens, int parts) {
        int[] lengths = lens == null ? null : java.util.Arrays.stream(lens.split(";")).mapToInt(Integer::parseInt).toArray();
        Lstm fused = lstm(f, h, peep, false, 11);
        Lstm ref = lstm(f, h, peep, true, 11);
        Tensor x = input(3, t, n, f);
        Tensor xr = leaf(x);
        RnnState s = randomState(4, n, h);
        RnnState sr = new RnnState(leaf(s.part(0)), leaf(s.part(1)));
        RnnOutput of = parts == 0 ? fused.forward(x, lengths, s)
                : LstmFusedRows.run(fused.params(), x, Lengths.resolve(lengths, t, n), s.part(0), s.part(1), parts);
        RnnOutput or = ref.forward(xr, lengths, sr);
        assertClose(flatAll(or), flatAll(of), 1e-5, "outputs and final state");
        loss(of, 9).backward();
        loss(or, 9).backward();
        assertSameGrads(ref, fused, 1e-5);
        assertClose(xr.grad(), x.grad(), 1e-5, "input gradient");
        assertClose(sr.part(0).grad(), s.part(0).grad(), 1e-5, "h0 gradient");
        assertClose(sr.part(1).grad(), s.part(1).grad(), 1e-5, "c0 gradient");
    }

    @Test
    void paddedStepsChangeNothing() {
        Lstm l = lstm(3, 4, true, false, 2);
        int[] lens = {5, 2, 4};
        Tensor x = input(6, 5, 3, 3);
        RnnOutput batch = l.forward(x, lens, null);
        loss(batch, 1).backward();
        Tensor gx = x.grad();
        for (int b = 0; b < 3; b++) {
            Tensor xb = leaf(Reshape.narrow(Reshape.narrow(x.detach(), 1, b, 1), 0, 0, lens[b]));
            RnnOutput alone = l.forward(xb, null, null);
            Tensor yb = Reshape.narrow(Reshape.narrow(batch.output().detach(), 1, b, 1), 0, 0, lens[b]);
            assertClose(alone.output(), yb, 1e-6, "output of sequence " + b);
            assertClose(alone.state().part(0), Reshape.narrow(batch.state().part(0).detach(), 0, b, 1), 1e-6, "h of " + b);
            assertClose(alone.state().part(1), Reshape.narrow(batch.state().part(1).detach(), 0, b, 1), 1e-6, "c of " + b);
            for (int t = lens[b]; t < 5; t++) {
                for (int j = 0; j < 4; j++) assertEquals(0f, batch.output().get(t, b, j), "padded output");
                for (int j = 0; j < 3; j++) assertEquals(0f, gx.get(t, b, j), "padded input gradient");
            }
        }
    }

    @Test
    void stepperMatchesFusedLayer() {
        Lstm l = lstm(5, 6, true, false, 8);
        Tensor x = input(2, 7, 2, 5);
        RnnState s = randomState(3, 2, 6);
        RnnOutput expected;
        try (GradMode.Scope g = GradMode.noGrad()) {
            expected = l.forward(x, null, s);
        }
        RnnOutput got;
        try (LstmStepper st = l.stepper()) {
            got = st.forward(x, s);
        }
        assertClose(flatAll(expected), flatAll(got), 1e-6, "stepper");
    }

    @Test
    void fusedAndStepperMatchReferenceOnThePureJavaBackend() {
        Backend previous = Backends.current();
        Backends.use(CpuBackend.javaOnly());
        try {
            assertFalse(RnnKernelsGemm.offHeap());
            Lstm fused = lstm(4, 5, true, false, 3);
            Lstm ref = lstm(4, 5, true, true, 3);
            Tensor x = input(8, 6, 3, 4);
            Tensor xr = leaf(x);
            int[] lens = {6, 2, 5};
            RnnOutput of = fused.forward(x, lens, null);
            RnnOutput or = ref.forward(xr, lens, null);
            assertClose(flatAll(or), flatAll(of), 1e-5, "outputs");
            loss(of, 2).backward();
            loss(or, 2).backward();
            assertSameGrads(ref, fused, 1e-5);
            assertClose(xr.grad(), x.grad(), 1e-5, "input gradient");
            Tensor full = input(9, 4, 2, 4);
            try (LstmStepper st = fused.stepper(); GradMode.Scope g = GradMode.noGrad()) {
                assertClose(flatAll(fused.forward(full)), flatAll(st.forward(full, null)), 1e-6, "stepper");
            }
        } finally {
            Backends.use(previous);
        }
    }

    @Test
    void weightsUsePyTorchLayoutAndInit() {
        Lstm l = lstm(7, 5, true, false, 0);
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_peephole"), new ArrayList<>(l.namedParameters().keySet()));
        assertEquals("[20, 7]", java.util.Arrays.toString(l.namedParameters().get("weight_ih").shape()));
        assertEquals("[20, 5]", java.util.Arrays.toString(l.namedParameters().get("weight_hh").shape()));
        float bound = 1f / (float) Math.sqrt(5);
        for (Tensor p : l.parameters()) {
            for (float v : p.toArray()) assertTrue(Math.abs(v) <= bound, "init outside U(-1/sqrt(H), 1/sqrt(H))");
        }
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        Lstm l = lstm(3, 2, false, false, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(4, 2, 5)));
        assertTrue(e.getMessage().contains("(T, N, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(4, 2, 3), new int[] {5, 1}, null));
        assertTrue(e.getMessage().contains("lengths[0] = 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(4, 2, 3), new int[] {1}, null));
        assertTrue(e.getMessage().contains("1 entries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(4, 2, 3), null, new RnnState(Tensor.zeros(2, 2))));
        assertTrue(e.getMessage().contains("2 parts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(4, 2, 3), null, new RnnState(Tensor.zeros(2, 2), Tensor.zeros(3, 2))));
        assertTrue(e.getMessage().contains("initial c"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lstm.builder().setInputSize(3).build());
        assertTrue(e.getMessage().contains("Lstm: hidden size (setHiddenSize) must be set"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lstm.builder().setInputSize(3).setHiddenSize(2).optLayers(2).build());
        assertTrue(e.getMessage().contains("buildStack"), e.getMessage());
    }

    @Test
    void emptySequenceReturnsInitialState() {
        Lstm l = lstm(3, 2, false, false, 0);
        RnnState s = randomState(1, 2, 2);
        RnnOutput o = l.forward(Tensor.zeros(0, 2, 3), null, s);
        assertEquals("[0, 2, 2]", java.util.Arrays.toString(o.output().shape()));
        assertClose(s.part(0), o.state().part(0), 0, "h");
    }

    @Test
    void emptyBatchGivesEmptyOutputs() {
        Lstm l = lstm(3, 2, false, false, 0);
        assertEquals("[4, 0, 2]", java.util.Arrays.toString(l.forward(Tensor.zeros(4, 0, 3)).output().shape()));
        Recurrent bi = Lstm.builder().setInputSize(3).setHiddenSize(2).optBidirectional(true).buildStack();
        try (GradMode.Scope g = GradMode.noGrad()) {
            RnnOutput o = bi.forward(Tensor.zeros(4, 0, 3));
            assertEquals("[4, 0, 4]", java.util.Arrays.toString(o.output().shape()));
            assertEquals("[0, 2]", java.util.Arrays.toString(o.state().part(2).shape()));
        }
    }
}
