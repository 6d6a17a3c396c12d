package org.elman.nn.rnn;

import static org.elman.nn.rnn.LstmTestSupport.assertClose;
import static org.elman.nn.rnn.LstmTestSupport.assertSameGrads;
import static org.elman.nn.rnn.LstmTestSupport.flatAll;
import static org.elman.nn.rnn.LstmTestSupport.input;
import static org.elman.nn.rnn.LstmTestSupport.leaf;
import static org.elman.nn.rnn.LstmTestSupport.loss;
import static org.elman.nn.rnn.LstmTestSupport.onBackend;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.autograd.GradCheck;
import org.elman.autograd.GradMode;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gate-split fused LSTM (no peepholes), forwards and read backwards in time ({@link
 * Lstm#forwardReversed}), against the composed reference on explicitly reversed copies: outputs,
 * final state and every gradient, with and without padding, with and without gradients recorded,
 * on OpenBLAS and on the pure-Java backend; and the streaming stepper (gate-split kernel too).
 */
class LstmFusedTest {
    private static Lstm lstm(int f, int h, boolean reference, long seed) {
        return Lstm.builder().setInputSize(f).setHiddenSize(h).optReference(reference).optSeed(seed).build();
    }

    private static int[] lengths(String lens) {
        return lens == null ? null : java.util.Arrays.stream(lens.split(";")).mapToInt(Integer::parseInt).toArray();
    }

    private static RnnState randomState(long seed, int n, int h) {
        Random r = new Random(seed);
        return new RnnState(Tensor.uniform(r, -1f, 1f, n, h).requiresGrad(true), Tensor.uniform(r, -1f, 1f, n, h).requiresGrad(true));
    }

    private static RnnOutput run(Lstm l, boolean reversed, Tensor x, int[] lens, RnnState s) {
        return reversed ? l.forwardReversed(x, lens, s) : l.forward(x, lens, s);
    }

    /** The layer as it runs itself, then on one part with the gates made each way (joined product and input projection). */
    private static void compareWithReference(int t, int n, int f, int h, boolean reversed, int[] lens) {
        compareWithReference(t, n, f, h, reversed, lens, 0, false);
        compareWithReference(t, n, f, h, reversed, lens, 1, true);
        compareWithReference(t, n, f, h, reversed, lens, 1, false);
    }

    /**
     * {@code parts} > 0: the fused layer's step loops on that many parts of the batch, the gates
     * from the joined per-step product ({@code joint}, OpenBLAS only) or from the input projection;
     * 0: the layer as it runs itself.
     */
    private static void compareWithReference(int t, int n, int f, int h, boolean reversed, int[] lens, int parts, boolean joint) {
        Lstm fused = lstm(f, h, false, 13);
        Lstm ref = lstm(f, h, true, 13);
        Tensor x = input(5, t, n, f);
        Tensor xr = leaf(x);
        RnnState s = randomState(6, n, h);
        RnnState sr = new RnnState(leaf(s.part(0)), leaf(s.part(1)));
        RnnOutput of = parts == 0 ? run(fused, reversed, x, lens, s)
                : LstmFused.run(fused.params(), x, Lengths.resolve(lens, t, n), s.part(0), s.part(1), reversed, parts, joint);
        RnnOutput or = run(ref, reversed, xr, lens, sr);
        assertClose(flatAll(or), flatAll(of), 1e-5, "outputs and final state");
        loss(of, 2).backward();
        loss(or, 2).backward();
        assertSameGrads(ref, fused, 1e-5);
        assertClose(xr.grad(), x.grad(), 1e-5, "input gradient");
        assertClose(sr.part(0).grad(), s.part(0).grad(), 1e-5, "h0 gradient");
        assertClose(sr.part(1).grad(), s.part(1).grad(), 1e-5, "c0 gradient");
    }

    @ParameterizedTest
    @CsvSource({"1,1,1,1,false,", "1,1,1,1,true,", "6,3,4,5,false,6;2;0", "6,3,4,5,true,6;2;0", "5,4,3,8,true,",
        "7,5,2,3,true,1;7;3;3;0", "4,2,5,16,false,4;3", "4,3,6,80,false,", "5,3,4,80,true,5;2;4"})
    void matchesComposedReference(int t, int n, int f, int h, boolean reversed, String lens) {
        compareWithReference(t, n, f, h, reversed, lengths(lens));
    }

    @Test
    void matchesComposedReferenceOnThePureJavaBackend() {
        onBackend(true, () -> {
            assertFalse(RnnKernelsGemm.offHeap());
            compareWithReference(6, 3, 4, 5, false, new int[] {6, 2, 0});
            compareWithReference(6, 3, 4, 5, true, new int[] {5, 6, 1});
        });
    }

    /**
     * The step loops on parts of the batch in parallel (as on a machine with spare cores): outputs,
     * final state and every gradient against the composed reference, with padding, read backwards,
     * one row per part, uneven parts, and on the pure-Java backend.
     */
    @ParameterizedTest
    @CsvSource({"6,5,4,8,false,6;2;0;5;3,2,false", "6,5,4,8,true,6;2;0;5;3,3,false", "7,4,3,16,true,,4,false",
        "5,7,4,24,false,5;5;1;4;5;2;3,3,false", "6,5,4,8,true,6;2;0;5;3,2,true", "4,3,5,6,false,4;1;3,3,true"})
    void batchPartsMatchComposedReference(int t, int n, int f, int h, boolean reversed, String lenText, int parts, boolean pureJava) {
        onBackend(pureJava, () -> {
            compareWithReference(t, n, f, h, reversed, lengths(lenText), parts, true);
            compareWithReference(t, n, f, h, reversed, lengths(lenText), parts, false);
        });
    }

    @Test
    void batchPartsOutsideOneToNAreRejected() {
        Lstm l = lstm(2, 3, false, 1);
        Tensor x = input(1, 2, 3, 2);
        RnnState s = randomState(1, 3, 3);
        int[] lens = {2, 2, 2};
        for (int bad : new int[] {0, 4}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> LstmFused.run(l.params(), x, lens, s.part(0), s.part(1), false, bad));
            assertTrue(e.getMessage().contains("parts must be in [1, 3], got " + bad), e.getMessage());
        }
    }

    @Test
    void reversedGradientsMatchFiniteDifferences() {
        Lstm l = lstm(3, 2, false, 5);
        Tensor x = input(1, 4, 3, 3);
        RnnState s0 = randomState(2, 3, 2);
        int[] lens = {2, 4, 0};
        List<Tensor> inputs = new ArrayList<>(l.parameters());
        inputs.add(x);
        inputs.addAll(s0.parts());
        GradCheck.Result r = GradCheck.check(() -> flatAll(l.forwardReversed(x, lens, s0)), inputs, 1e-2f);
        assertTrue(r.passed(2e-2), r.toString());
    }

    /** Without gradients only one step's block is kept; the numbers must not change. */
    @ParameterizedTest
    @CsvSource({"false,", "false,5;1;3", "true,5;1;3", "true,"})
    void inferenceMatchesRecordedRun(boolean reversed, String lens) {
        Lstm l = lstm(3, 4, false, 7);
        Tensor x = input(4, 5, 3, 3);
        RnnState s = randomState(3, 3, 4);
        RnnOutput recorded = run(l, reversed, x, lengths(lens), s);
        RnnOutput inference;
        try (GradMode.Scope g = GradMode.noGrad()) {
            inference = run(l, reversed, x, lengths(lens), s);
        }
        assertClose(flatAll(recorded).detach(), flatAll(inference), 0, "no-grad run");
    }

    @Test
    void stepperMatchesFusedLayer() {
        Lstm l = lstm(5, 6, false, 8);
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
}
