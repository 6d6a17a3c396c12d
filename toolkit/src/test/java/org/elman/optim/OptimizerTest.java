package org.elman.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void sgdHandComputedSteps() {
        Tensor p = Tensor.vector(1f, -2f).requiresGrad(true);
        Sgd opt = Sgd.builder().setParams(List.of(p)).setLr(0.1).optMomentum(0.5).build();
        p.setGrad(Tensor.vector(1f, 2f));
        opt.step(); // buf = g = (1, 2); p = (1 - 0.1, -2 - 0.2)
        assertArrayEquals(new float[] {0.9f, -2.2f}, p.toArray(), 1e-7f);
        p.setGrad(Tensor.vector(1f, 2f));
        opt.step(); // buf = 0.5*(1,2) + (1,2) = (1.5, 3); p -= 0.1 * buf
        assertArrayEquals(new float[] {0.75f, -2.5f}, p.toArray(), 1e-6f);
    }

    @Test
    void adamFirstStepMovesByLrTimesSign() {
        // step 1: m_hat = g, v_hat = g^2, so the update is lr * g / (|g| + eps)
        Tensor p = Tensor.vector(0f, 1f, 2f).requiresGrad(true);
        Adam opt = Adam.builder().setParams(List.of(p)).setLr(0.01).build();
        p.setGrad(Tensor.vector(3f, -0.5f, 1e-3f));
        opt.step();
        assertArrayEquals(new float[] {-0.01f, 1.01f, 2f - 0.01f * 1e-3f / (1e-3f + 1e-8f)}, p.toArray(), 1e-6f);
        assertEquals(1, opt.stepCount(0));
    }

    @Test
    void adamWDecayIsDecoupledFromTheMoments() {
        // a zero gradient leaves Adam's moments zero, so only the decoupled decay moves the weight
        Tensor pw = Tensor.vector(2f).requiresGrad(true);
        AdamW w = AdamW.builder().setParams(List.of(pw)).setLr(0.1).optWeightDecay(0.5).build();
        pw.setGrad(Tensor.vector(0f));
        w.step();
        assertEquals(2f * (1 - 0.1f * 0.5f), pw.get(0), 1e-6f);
        // coupled decay feeds 0.5 * 2 = 1 into the gradient: first step moves by lr * sign
        Tensor pa = Tensor.vector(2f).requiresGrad(true);
        Adam a = Adam.builder().setParams(List.of(pa)).setLr(0.1).optWeightDecay(0.5).build();
        pa.setGrad(Tensor.vector(0f));
        a.step();
        assertEquals(1.9f, pa.get(0), 1e-6f);
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor a = Tensor.vector(1f).requiresGrad(true);
        Tensor b = Tensor.vector(1f).requiresGrad(true);
        Adam opt = Adam.builder().setParams(List.of(a, b)).setLr(0.1).build();
        a.setGrad(Tensor.vector(1f));
        opt.step();
        assertEquals(1f, b.get(0));
        assertEquals(0, opt.stepCount(1));
        assertEquals(1, opt.stepCount(0));
        assertEquals(2, opt.state().tensors().size(), "no slots for the skipped parameter");
    }

    @Test
    void updatesRespectViewOffsets() {
        float[] storage = {5f, 1f, 2f, 7f};
        Tensor base = Tensor.wrap(storage, 1, 2).requiresGrad(true);
        Sgd opt = Sgd.builder().setParams(List.of(base)).setLr(1).build();
        base.setGrad(Tensor.vector(1f, 1f));
        opt.step();
        assertArrayEquals(new float[] {5f, 0f, 1f, 7f}, storage);
    }

    @Test
    void stateRoundTripResumesBitExactly() {
        checkResume(ps -> Sgd.builder().setParams(ps).setLr(0.05).optMomentum(0.9).optNesterov(true).build());
        checkResume(ps -> Adam.builder().setParams(ps).setLr(0.01).optAmsgrad(true).optWeightDecay(0.01).build());
        checkResume(ps -> AdamW.builder().setParams(ps).setLr(0.01).build());
    }

    private static void checkResume(Function<List<Tensor>, Optimizer> make) {
        Random rng = new Random(3);
        Tensor[] grads = new Tensor[6];
        for (int i = 0; i < grads.length; i++) grads[i] = Tensor.randn(rng, 3, 2);
        Tensor init = Tensor.randn(rng, 3, 2);
        Tensor straight = init.copy().requiresGrad(true);
        Optimizer a = make.apply(List.of(straight));
        for (Tensor g : grads) {
            straight.setGrad(g.copy());
            a.step();
        }
        Tensor half = init.copy().requiresGrad(true);
        Optimizer b = make.apply(List.of(half));
        for (int i = 0; i < 3; i++) {
            half.setGrad(grads[i].copy());
            b.step();
        }
        OptimizerState saved = b.state();
        Tensor resumed = half.copy().requiresGrad(true);
        Optimizer c = make.apply(List.of(resumed));
        c.setLr(123);
        c.loadState(saved);
        assertEquals(b.lr(), c.lr());
        for (int i = 3; i < grads.length; i++) {
            resumed.setGrad(grads[i].copy());
            c.step();
        }
        assertArrayEquals(straight.toArray(), resumed.toArray(), 0f, a.getClass().getSimpleName());
    }

    @Test
    void loadStateRejectsMismatches() {
        Tensor p = Tensor.zeros(2, 2).requiresGrad(true);
        Adam opt = Adam.builder().setParams(List.of(p)).setLr(0.1).build();
        p.setGrad(Tensor.ones(2, 2));
        opt.step();
        OptimizerState s = opt.state();
        Tensor two = Tensor.zeros(1).requiresGrad(true);
        Adam pair = Adam.builder().setParams(List.of(p, two)).setLr(0.1).build();
        var count = assertThrows(IllegalArgumentException.class, () -> pair.loadState(s));
        assertTrue(count.getMessage().contains("for 1 parameters"), count.getMessage());
        Tensor q = Tensor.zeros(3).requiresGrad(true);
        Adam other = Adam.builder().setParams(List.of(q)).setLr(0.1).build();
        var e = assertThrows(IllegalArgumentException.class, () -> other.loadState(s));
        assertTrue(e.getMessage().contains("0.exp_avg"), e.getMessage());
        Sgd plain = Sgd.builder().setParams(List.of(p)).setLr(0.1).build();
        var e2 = assertThrows(IllegalArgumentException.class, () -> plain.loadState(s));
        assertTrue(e2.getMessage().contains("unexpected"), e2.getMessage());
    }

    @Test
    void buildersValidate() {
        List<Tensor> ps = List.of(Tensor.zeros(1).requiresGrad(true));
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().setParams(ps).build());
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().setLr(1).build());
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().setParams(ps).setLr(-1).build());
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().setParams(ps).setLr(1).optNesterov(true).build());
        assertThrows(IllegalArgumentException.class, () -> Adam.builder().setParams(ps).setLr(1).optBetas(1.0, 0.9).build());
        assertThrows(IllegalArgumentException.class, () -> AdamW.builder().setParams(ps).setLr(1).optEps(-1).build());
        Tensor t = ps.get(0);
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().setParams(List.of(t, t)).setLr(1).build());
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().setParams(List.of()).setLr(1).build());
    }
}
