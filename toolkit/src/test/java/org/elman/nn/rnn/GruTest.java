package org.elman.nn.rnn;

import static org.elman.nn.rnn.LstmTestSupport.assertClose;
import static org.elman.nn.rnn.LstmTestSupport.assertSameGrads;
import static org.elman.nn.rnn.LstmTestSupport.flatAll;
import static org.elman.nn.rnn.LstmTestSupport.input;
import static org.elman.nn.rnn.LstmTestSupport.leaf;
import static org.elman.nn.rnn.LstmTestSupport.loss;
import static org.elman.nn.rnn.LstmTestSupport.onBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.autograd.GradCheck;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GruTest {
    private static Gru gru(int f, int h, boolean reference, long seed) {
        return Gru.builder().setInputSize(f).setHiddenSize(h).optReference(reference).optSeed(seed).build();
    }

    private static RnnState randomState(long seed, int n, int h) {
        return new RnnState(Tensor.uniform(new Random(seed), -1f, 1f, n, h).requiresGrad(true));
    }

    @Test
    void fusedGradientsMatchFiniteDifferences() {
        for (int[] lengths : new int[][] {null, {4, 1, 0}}) {
            Gru g = gru(3, 2, false, 5);
            Tensor x = input(1, 4, 3, 3);
            RnnState s0 = randomState(2, 3, 2);
            List<Tensor> inputs = new ArrayList<>(g.parameters());
            inputs.add(x);
            inputs.add(s0.part(0));
            GradCheck.Result r = GradCheck.check(() -> flatAll(g.forward(x, lengths, s0)), inputs, 1e-2f);
            assertTrue(r.passed(2e-2), r.toString());
        }
    }

    @Test
    void cellGradientsMatchFiniteDifferences() {
        GruCell c = GruCell.builder().setInputSize(2).setHiddenSize(3).optSeed(1).build();
        Tensor x = input(1, 3, 2, 2);
        List<Tensor> inputs = new ArrayList<>(c.parameters());
        inputs.add(x);
        GradCheck.Result r = GradCheck.check(() -> flatAll(c.forward(x, new int[] {3, 2}, null)), inputs, 1e-2f);
        assertTrue(r.passed(2e-2), r.toString());
    }

    /**
     * {@code parts}: 0 runs the layer as usual, k runs the fused step loops on k parts of the batch
     * in parallel (as with spare cores), on OpenBLAS or on the pure-Java backend.
     */
    @ParameterizedTest
    @CsvSource({"1,1,1,1,,0,false", "5,3,4,6,5;2;0,0,false", "7,4,3,5,7;1;4;6,0,false", "6,2,8,3,,0,false",
        "3,5,2,4,1;3;2;3;0,0,false", "5,3,4,6,5;2;0,3,false", "7,4,3,5,7;1;4;6,2,false", "3,5,2,4,1;3;2;3;0,5,false",
        "6,2,8,3,,2,false", "7,4,3,5,7;1;4;6,3,true"})
    void fusedMatchesComposedReference(int t, int n, int f, int h, String lens, int parts, boolean pureJava) {
        onBackend(pureJava, () -> compareWithReference(t, n, f, h, lens, parts));
    }

    private static void compareWithReference(int t, int n, int f, int h, String lens, int parts) {
        int[] lengths = lens == null ? null : java.util.Arrays.stream(lens.split(";")).mapToInt(Integer::parseInt).toArray();
        Gru fused = gru(f, h, false, 11);
        Gru ref = gru(f, h, true, 11);
        Tensor x = input(3, t, n, f);
        Tensor xr = leaf(x);
        RnnState s = randomState(4, n, h);
        RnnState sr = new RnnState(leaf(s.part(0)));
        RnnOutput of = parts == 0 ? fused.forward(x, lengths, s)
                : GruFused.run(fused.params(), x, Lengths.resolve(lengths, t, n), s.part(0), parts);
        RnnOutput or = ref.forward(xr, lengths, sr);
        assertClose(flatAll(or), flatAll(of), 1e-5, "outputs and final state");
        loss(of, 9).backward();
        loss(or, 9).backward();
        assertSameGrads(ref, fused, 1e-5);
        assertClose(xr.grad(), x.grad(), 1e-5, "input gradient");
        assertClose(sr.part(0).grad(), s.part(0).grad(), 1e-5, "h0 gradient");
    }

    @Test
    void paddedStepsChangeNothing() {
        Gru g = gru(3, 4, false, 2);
        int[] lens = {5, 2, 4};
        Tensor x = input(6, 5, 3, 3);
        RnnOutput batch = g.forward(x, lens, null);
        loss(batch, 1).backward();
        for (int b = 0; b < 3; b++) {
            Tensor xb = Reshape.narrow(Reshape.narrow(x.detach(), 1, b, 1), 0, 0, lens[b]);
            RnnOutput alone = g.forward(xb, null, null);
            assertClose(alone.output(), Reshape.narrow(Reshape.narrow(batch.output().detach(), 1, b, 1), 0, 0, lens[b]), 1e-6, "output " + b);
            assertClose(alone.state().part(0), Reshape.narrow(batch.state().part(0).detach(), 0, b, 1), 1e-6, "h of " + b);
            for (int t = lens[b]; t < 5; t++) {
                for (int j = 0; j < 3; j++) assertEquals(0f, x.grad().get(t, b, j), "padded input gradient");
            }
        }
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        Gru g = gru(3, 2, false, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.forward(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("(T, N, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.forward(Tensor.zeros(4, 2, 3), null, new RnnState(Tensor.zeros(2, 2), Tensor.zeros(2, 2))));
        assertTrue(e.getMessage().contains("1 part"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gru.builder().setHiddenSize(3).build());
        assertTrue(e.getMessage().contains("Gru: input size (setInputSize) must be set"), e.getMessage());
    }
}
