package org.elman.nn.rnn;

import static org.elman.nn.rnn.LstmTestSupport.assertClose;
import static org.elman.nn.rnn.LstmTestSupport.assertSameGrads;
import static org.elman.nn.rnn.LstmTestSupport.flatAll;
import static org.elman.nn.rnn.LstmTestSupport.input;
import static org.elman.nn.rnn.LstmTestSupport.leaf;
import static org.elman.nn.rnn.LstmTestSupport.loss;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elman.autograd.GradCheck;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BidirectionalTest {
    private static Lstm lstm(int f, int h, long seed) {
        return Lstm.builder().setInputSize(f).setHiddenSize(h).optSeed(seed).build();
    }

    @Test
    void gradientsWithUnevenLengthsMatchFiniteDifferences() {
        Bidirectional bi = Bidirectional.of(lstm(2, 2, 1), Gru.builder().setInputSize(2).setHiddenSize(3).optSeed(2).build());
        Tensor x = input(3, 4, 3, 2);
        int[] lens = {4, 2, 1};
        List<Tensor> inputs = new ArrayList<>(bi.parameters());
        inputs.add(x);
        GradCheck.Result r = GradCheck.check(() -> flatAll(bi.forward(x, lens, null)), inputs, 1e-2f);
        assertTrue(r.passed(2e-2), r.toString());
    }

    @Test
    void lstmInBothDirectionsGradientsMatchFiniteDifferences() {
        Bidirectional bi = Bidirectional.of(lstm(2, 2, 1), lstm(2, 3, 2));
        Tensor x = input(3, 4, 3, 2);
        int[] lens = {2, 4, 1};
        List<Tensor> inputs = new ArrayList<>(bi.parameters());
        inputs.add(x);
        GradCheck.Result r = GradCheck.check(() -> flatAll(bi.forward(x, lens, null)), inputs, 1e-2f);
        assertTrue(r.passed(2e-2), r.toString());
    }

    @Test
    void backwardDirectionStartsAtEachSequencesOwnEnd() {
        Lstm f = lstm(3, 4, 1);
        Lstm b = lstm(3, 4, 2);
        Bidirectional bi = Bidirectional.of(f, b);
        int[] lens = {5, 3};
        Tensor x = input(7, 5, 2, 3);
        RnnOutput out = bi.forward(x, lens, null);
        assertEquals(8, bi.outputSize());
        for (int n = 0; n < 2; n++) {
            int len = lens[n];
            Tensor seq = Reshape.narrow(Reshape.narrow(x.detach(), 1, n, 1), 0, 0, len);
            float[] rev = new float[len * 3];
            for (int t = 0; t < len; t++) System.arraycopy(seq.toArray(), (len - 1 - t) * 3, rev, t * 3, 3);
            RnnOutput fwdAlone = f.forward(seq);
            RnnOutput bwdAlone = b.forward(Tensor.of(rev, len, 1, 3));
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(fwdAlone.output().get(t, 0, j), out.output().get(t, n, j), 1e-6, "forward half");
                    assertEquals(bwdAlone.output().get(len - 1 - t, 0, j), out.output().get(t, n, 4 + j), 1e-6, "backward half");
                }
            }
            for (int t = len; t < 5; t++) {
                for (int j = 0; j < 8; j++) assertEquals(0f, out.output().get(t, n, j), "padded output");
            }
            assertClose(bwdAlone.state().part(0), Reshape.narrow(out.state().part(2).detach(), 0, n, 1), 1e-6, "backward h");
            assertClose(fwdAlone.state().part(1), Reshape.narrow(out.state().part(1).detach(), 0, n, 1), 1e-6, "forward c");
        }
    }

    @Test
    void parallelAndSequentialRunsAgree() {
        Tensor x = input(4, 6, 3, 2);
        int[] lens = {6, 4, 1};
        Bidirectional par = Bidirectional.of(lstm(2, 3, 1), lstm(2, 3, 2));
        Bidirectional seq = Bidirectional.builder().setForward(lstm(2, 3, 1)).setBackward(lstm(2, 3, 2)).optParallel(false).build();
        Tensor xs = leaf(x);
        RnnOutput a = par.forward(x, lens, par.zeroState(3));
        RnnOutput b = seq.forward(xs, lens, null);
        assertClose(flatAll(b), flatAll(a), 0, "outputs");
        loss(a, 3).backward();
        loss(b, 3).backward();
        assertSameGrads(seq, par, 0);
        assertClose(xs.grad(), x.grad(), 0, "input gradient");
        assertEquals(List.of("forward.weight_ih", "forward.weight_hh", "forward.bias_ih", "forward.bias_hh",
                "backward.weight_ih", "backward.weight_hh", "backward.bias_ih", "backward.bias_hh"),
                new ArrayList<>(par.namedParameters().keySet()));
    }

    @Test
    void parallelGraphPassesStateGradientsAndAccumulatesOverTwoBackwards() {
        Tensor x = input(5, 4, 2, 3);
        int[] lens = {3, 4};
        Bidirectional par = Bidirectional.of(lstm(3, 2, 1), Gru.builder().setInputSize(3).setHiddenSize(2).optSeed(2).build());
        Bidirectional seq = Bidirectional.builder().setForward(lstm(3, 2, 1))
                .setBackward(Gru.builder().setInputSize(3).setHiddenSize(2).optSeed(2).build()).optParallel(false).build();
        RnnState s0 = new RnnState(leaf(input(1, 1, 2, 2).view(2, 2)), leaf(input(2, 1, 2, 2).view(2, 2)), leaf(input(3, 1, 2, 2).view(2, 2)));
        RnnState s1 = new RnnState(leaf(s0.part(0)), leaf(s0.part(1)), leaf(s0.part(2)));
        Tensor xh = x.mul(2f);
        RnnOutput a = par.forward(xh, lens, s0);
        RnnOutput b = seq.forward(leaf(x).mul(2f), lens, s1);
        loss(a, 4).backward();
        loss(a, 4).backward();
        loss(b, 4).mul(2f).backward();
        assertSameGrads(seq, par, 1e-6);
        for (int i = 0; i < 3; i++) assertClose(s1.part(i).grad(), s0.part(i).grad(), 1e-6, "state part " + i);
        Tensor expectedX = leaf(x);
        loss(seq.forward(expectedX.mul(2f), lens, s1.detach()), 4).mul(2f).backward();
        assertClose(expectedX.grad(), x.grad(), 1e-6, "input gradient through a non-leaf");
    }

    @Test
    void inferenceMatchesRecordedRun() {
        Bidirectional bi = Bidirectional.of(lstm(3, 4, 1), Gru.builder().setInputSize(3).setHiddenSize(2).optSeed(2).build());
        Tensor x = input(6, 5, 3, 3);
        int[] lens = {5, 2, 4};
        RnnOutput recorded = bi.forward(x, lens, null);
        RnnOutput inference;
        try (org.elman.autograd.GradMode.Scope g = org.elman.autograd.GradMode.noGrad()) {
            inference = bi.forward(x, lens, null);
        }
        assertClose(flatAll(recorded).detach(), flatAll(inference), 0, "no-grad run");
        Tensor[] halves = Features.split(inference.output(), 4, 2);
        assertClose(inference.output(), Features.concat(halves[0], halves[1]), 0, "split then concat");
        assertClose(Reshape.narrow(inference.output(), 2, 4, 2), halves[1], 0, "second half");
    }

    /** Two fused LSTMs without gradients write their halves straight into the output (Lstm.forwardInto). */
    @Test
    void lstmPairInferenceWritesTheSameOutputAsTheRecordedRun() {
        Tensor x = input(7, 6, 4, 3);
        int[] lens = {6, 2, 5, 0};
        for (boolean parallel : new boolean[] {true, false}) {
            Bidirectional bi = Bidirectional.builder().setForward(lstm(3, 4, 1)).setBackward(lstm(3, 2, 2)).optParallel(parallel).build();
            RnnState s0 = new RnnState(input(8, 1, 4, 4).view(4, 4), input(9, 1, 4, 4).view(4, 4),
                    input(10, 1, 4, 2).view(4, 2), input(11, 1, 4, 2).view(4, 2));
            RnnOutput recorded = bi.forward(x, lens, s0);
            RnnOutput inference;
            try (org.elman.autograd.GradMode.Scope g = org.elman.autograd.GradMode.noGrad()) {
                inference = bi.forward(x, lens, s0);
            }
            assertEquals(4, inference.state().size());
            assertClose(flatAll(recorded).detach(), flatAll(inference), 0, "no-grad run, parallel " + parallel);
        }
        Bidirectional peep = Bidirectional.of(Lstm.builder().setInputSize(3).setHiddenSize(2).optPeepholes(true).build(), lstm(3, 2, 2));
        RnnOutput recorded = peep.forward(x, lens, null);
        try (org.elman.autograd.GradMode.Scope g = org.elman.autograd.GradMode.noGrad()) {
            assertClose(flatAll(recorded).detach(), flatAll(peep.forward(x, lens, null)), 0, "peephole direction (composed path)");
        }
    }

    /**
     * With 8 rows or more the fused directions make their gates from each step's input ({@link
     * org.elman.backend.cpu.LstmJointGemm}) when writing into the shared output: the result matches
     * the composed reference, with uneven lengths, in parallel and one after the other.
     */
    @Test
    void lstmPairInferenceWithJoinedProductsMatchesTheReference() {
        Tensor x = input(12, 6, 9, 3);
        int[] lens = {6, 1, 4, 0, 6, 3, 2, 6, 5};
        if (org.elman.backend.cpu.RnnKernelsGemm.offHeap()) {
            assertTrue(org.elman.backend.cpu.LstmJointGemm.applies(3, 4, 9), "the joined path applies to this case");
        }
        Bidirectional ref = Bidirectional.of(Lstm.builder().setInputSize(3).setHiddenSize(4).optSeed(1).optReference(true).build(),
                Lstm.builder().setInputSize(3).setHiddenSize(4).optSeed(2).optReference(true).build());
        for (boolean parallel : new boolean[] {true, false}) {
            Bidirectional bi = Bidirectional.builder().setForward(lstm(3, 4, 1)).setBackward(lstm(3, 4, 2)).optParallel(parallel).build();
            try (org.elman.autograd.GradMode.Scope g = org.elman.autograd.GradMode.noGrad()) {
                assertClose(flatAll(ref.forward(x, lens, null)), flatAll(bi.forward(x, lens, null)), 1e-5, "parallel " + parallel);
            }
        }
    }

    @Test
    void lengthsReverseIndexIsAnInvolution() {
        int[] lens = {3, 0, 2};
        int[] idx = Lengths.reverseIndex(lens, 3);
        assertArrayEquals(new int[] {6, 1, 5, 3, 4, 2, 0, 7, 8}, idx);
        for (int i = 0; i < idx.length; i++) assertEquals(i, idx[idx[i]]);
    }

    @Test
    void badConfigurationIsRejected() {
        Lstm l = lstm(2, 2, 0);
        assertThrows(IllegalArgumentException.class, () -> Bidirectional.of(l, l));
        assertThrows(IllegalArgumentException.class, () -> Bidirectional.builder().setForward(l).build());
        Bidirectional bi = Bidirectional.of(lstm(2, 2, 0), lstm(2, 2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bi.forward(Tensor.zeros(3, 1, 2), null, l.zeroState(1)));
        assertTrue(e.getMessage().contains("expected 4"), e.getMessage());
    }
}
