package org.elman.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.nn.rnn.RnnState;
import org.elman.ops.Arith;
import org.elman.optim.Sgd;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * TBPTT on a scalar Elman recurrence {@code h_t = tanh(w x_t + u h_{t-1})} with loss {@code sum_t
 * sum_n c_t h_t}, built from plain ops, against a hand-written double-precision BPTT that stops
 * at the truncation point.
 */
class TbpttTest {
    private static final int T = 11;
    private static final int N = 2;

    private final Random rng = new Random(17);
    private final Tensor x = Tensor.randn(rng, T, N, 1);
    private final Tensor c = Tensor.randn(rng, T, N, 1);
    private final Tensor w = Tensor.vector(0.9f).requiresGrad(true);
    private final Tensor u = Tensor.vector(0.8f).requiresGrad(true);
    private final float[] h0 = {0.3f, -0.5f};

    /** Runs the recurrence over a chunk; the chunk's absolute start is found from its storage offset. */
    private Tbptt.StepResult step(Tensor chunk, RnnState state) {
        int start = chunk.offset() / N;
        Tensor h = state == null ? Tensor.zeros(N, 1) : state.part(0);
        Tensor loss = null;
        for (int t = 0; t < chunk.size(0); t++) {
            Tensor xt = chunk.rows(t, 1).view(N, 1);
            h = Arith.add(Arith.mul(xt, w), Arith.mul(h, u)).tanh();
            Tensor term = h.mul(c.rows(start + t, 1).view(N, 1)).sum();
            loss = loss == null ? term : loss.add(term);
        }
        return new Tbptt.StepResult(loss, new RnnState(h));
    }

    /** d/d(w, u) of the losses in [a, b), back-propagated to window start ws only, in double. */
    private double[] manualGrad(int ws, int a, int b) {
        double wd = w.get(0);
        double ud = u.get(0);
        double[][] s = new double[T + 1][N];
        for (int n = 0; n < N; n++) s[0][n] = h0[n];
        for (int t = 0; t < T; t++) {
            for (int n = 0; n < N; n++) s[t + 1][n] = Math.tanh(wd * x.get(t, n, 0) + ud * s[t][n]);
        }
        double gw = 0;
        double gu = 0;
        for (int n = 0; n < N; n++) {
            double carry = 0;
            for (int t = b - 1; t >= ws; t--) {
                double gs = (t >= a ? c.get(t, n, 0) : 0) + carry;
                double d = gs * (1 - s[t + 1][n] * s[t + 1][n]);
                gw += d * x.get(t, n, 0);
                gu += d * s[t][n];
                carry = d * ud;
            }
        }
        return new double[] {gw, gu};
    }

    private List<double[]> runAndCaptureGrads(Tbptt tbptt, Tensor init) {
        List<double[]> grads = new ArrayList<>();
        tbptt.run(x, new RnnState(init), this::step, (seg, loss) -> {
            grads.add(new double[] {w.grad().get(0), u.grad().get(0)});
            w.zeroGrad();
            u.zeroGrad();
        });
        return grads;
    }

    private void checkAgainstManual(int k1, int k2) {
        Tbptt tbptt = Tbptt.builder().setK1(k1).optK2(k2).build();
        List<double[]> grads = runAndCaptureGrads(tbptt, Tensor.of(h0.clone(), N, 1));
        List<Tbptt.Segment> segs = tbptt.segments(T);
        assertEquals(segs.size(), grads.size());
        for (Tbptt.Segment seg : segs) {
            double[] expected = manualGrad(seg.windowStart(), seg.lossStart(), seg.end());
            assertArrayEquals(expected, grads.get(seg.index()), 2e-5, "k1=" + k1 + " k2=" + k2 + " " + seg);
        }
    }

    @Test
    void equalK1K2MatchesManualTruncatedGradients() {
        checkAgainstManual(4, 4);
        checkAgainstManual(1, 1);
    }

    @Test
    void overlappingWindowsMatchManualTruncatedGradients() {
        checkAgainstManual(2, 5);
        checkAgainstManual(3, 4);
        checkAgainstManual(4, 11);
    }

    @Test
    void segmentPlan() {
        Tbptt t = Tbptt.builder().setK1(3).optK2(5).build();
        assertEquals(List.of(new Tbptt.Segment(0, 0, 0, 3), new Tbptt.Segment(1, 1, 3, 6), new Tbptt.Segment(2, 4, 6, 8)), t.segments(8));
    }

    @Test
    void truncationWithKEqualToTIsFullBptt() {
        Tensor init = Tensor.of(h0.clone(), N, 1);
        Tbptt.StepResult full = step(x, new RnnState(init));
        full.loss().backward();
        float[] fullGrads = {w.grad().get(0), u.grad().get(0)};
        w.zeroGrad();
        u.zeroGrad();
        List<double[]> grads = runAndCaptureGrads(Tbptt.builder().setK1(T).build(), Tensor.of(h0.clone(), N, 1));
        assertEquals(1, grads.size());
        assertEquals(fullGrads[0], grads.get(0)[0], 0.0);
        assertEquals(fullGrads[1], grads.get(0)[1], 0.0);
        // and the truncated gradient differs from it: the boundary really cuts something
        List<double[]> cut = runAndCaptureGrads(Tbptt.builder().setK1(4).build(), Tensor.of(h0.clone(), N, 1));
        double summed = cut.stream().mapToDouble(g -> g[1]).sum();
        assertEquals(true, Math.abs(summed - fullGrads[1]) > 1e-3, "truncated " + summed + " vs full " + fullGrads[1]);
    }

    @Test
    void noGradientCrossesTheBoundaryIntoTheInitialState() {
        Tensor init = Tensor.of(h0.clone(), N, 1).requiresGrad(true);
        List<Tensor> initGrads = new ArrayList<>();
        Tbptt.builder().setK1(4).build().run(x, new RnnState(init), this::step, (seg, loss) -> {
            initGrads.add(init.grad());
            init.zeroGrad();
            w.zeroGrad();
            u.zeroGrad();
        });
        assertEquals(3, initGrads.size());
        assertNotNull(initGrads.get(0), "the first segment starts at the initial state");
        assertNull(initGrads.get(1), "segment 2 must not reach the initial state");
        assertNull(initGrads.get(2));
    }

    @Test
    void lossesAndFinalStateMatchOneUninterruptedForward() {
        Tbptt.Result r = Tbptt.builder().setK1(3).optK2(4).build()
                .run(x, new RnnState(Tensor.of(h0.clone(), N, 1)), this::step, (seg, loss) -> { });
        Tbptt.StepResult full = step(x, new RnnState(Tensor.of(h0.clone(), N, 1)));
        assertArrayEquals(full.finalState().part(0).toArray(), r.finalState().part(0).toArray(), 1e-6f);
        float sum = 0;
        for (float l : r.losses()) sum += l;
        assertEquals(full.loss().item(), sum, 1e-5f);
        assertEquals(4, r.losses().length);
    }

    @Test
    void optimizerStepUpdatesOncePerSegment() {
        Sgd opt = Sgd.builder().setParams(List.of(w, u)).setLr(0.01).build();
        Tbptt.builder().setK1(5).build().run(x, null, this::step, Tbptt.optimizerStep(opt));
        assertEquals(3, opt.stepCount(0));
        assertNull(w.grad());
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Tbptt.builder().build());
        assertThrows(IllegalArgumentException.class, () -> Tbptt.builder().setK1(4).optK2(3).build());
        Tbptt t = Tbptt.builder().setK1(2).build();
        assertThrows(IllegalArgumentException.class, () -> t.run(Tensor.zeros(4, 2), null, this::step, (s, l) -> { }));
        assertThrows(IllegalStateException.class,
                () -> t.run(x, null, (chunk, s) -> new Tbptt.StepResult(Tensor.zeros(2), s), (s, l) -> { }));
    }
}
