package org.elman.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static Sgd sgd(double lr) {
        return Sgd.builder().setParams(List.of(Tensor.zeros(1).requiresGrad(true))).setLr(lr).build();
    }

    @Test
    void stepLrDecaysEveryStepSize() {
        Sgd opt = sgd(1.0);
        StepLr s = new StepLr(opt, 3, 0.5);
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], opt.lr(), 1e-15, "step " + i);
            s.step();
        }
        s.setStepCount(9);
        assertEquals(0.125, opt.lr(), 1e-15);
    }

    @Test
    void warmupCosineValues() {
        Sgd opt = sgd(0.1);
        WarmupCosineLr s = new WarmupCosineLr(opt, 4, 12, 0.01);
        assertEquals(0.0, opt.lr());
        assertEquals(0.05, s.lrAt(2), 1e-15);
        assertEquals(0.1, s.lrAt(4), 1e-15);
        assertEquals(0.01 + 0.09 * 0.5, s.lrAt(8), 1e-15); // halfway: cos(pi/2) = 0
        assertEquals(0.01 + 0.09 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.lrAt(6), 1e-15);
        assertEquals(0.01, s.lrAt(12), 1e-15);
        assertEquals(0.01, s.lrAt(1000), 1e-15);
        s.step();
        assertEquals(0.025, opt.lr(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosineLr(opt, 5, 5, 0));
    }

    @Test
    void noamRisesPeaksAndDecays() {
        Sgd opt = sgd(123);
        NoamLr s = new NoamLr(opt, 512, 4000, 1.0);
        assertEquals(Math.pow(512, -0.5) * Math.pow(4000, -1.5), opt.lr(), 1e-18); // n = 1
        double peak = 1.0 / Math.sqrt(512.0 * 4000);
        assertEquals(peak, s.lrAt(3999), 1e-15);
        assertTrue(s.lrAt(3998) < peak && s.lrAt(4000) < peak);
        assertEquals(Math.pow(512, -0.5) / Math.sqrt(16000), s.lrAt(15999), 1e-15);
    }

    @Test
    void reduceOnPlateauPatienceCooldownAndFloor() {
        Sgd opt = sgd(1.0);
        ReduceOnPlateau r = ReduceOnPlateau.builder().setOptimizer(opt).optFactor(0.5).optPatience(1)
                .optCooldown(1).optMinLr(0.2).build();
        assertFalse(r.step(10)); // best 10
        assertFalse(r.step(10)); // bad 1 (not below 10 * (1 - 1e-4))
        assertTrue(r.step(10)); // bad 2 > patience: lr 0.5, cooldown 1
        assertEquals(0.5, opt.lr());
        assertFalse(r.step(10)); // cooldown: bad count reset
        assertFalse(r.step(10)); // bad 1
        assertTrue(r.step(10)); // bad 2: lr 0.25
        assertEquals(0.25, opt.lr());
        assertFalse(r.step(9)); // improvement (and cooldown)
        assertEquals(9.0, r.best());
        assertFalse(r.step(9.0)); // bad 1
        assertTrue(r.step(9.0)); // lr max(0.125, 0.2) = 0.2
        assertEquals(0.2, opt.lr());
        r.step(9);
        r.step(9);
        assertFalse(r.step(9), "already at the floor");
        assertEquals(0.2, opt.lr());
    }

    @Test
    void reduceOnPlateauThresholdAndStateRoundTrip() {
        Sgd opt = sgd(1.0);
        ReduceOnPlateau r = ReduceOnPlateau.builder().setOptimizer(opt).optPatience(0).optThreshold(0.5, false).build();
        r.step(10);
        assertTrue(r.step(9.6), "an improvement smaller than the absolute threshold counts as bad");
        ReduceOnPlateau copy = ReduceOnPlateau.builder().setOptimizer(opt).optPatience(0).optThreshold(0.5, false).build();
        copy.loadState(r.state());
        assertEquals(r.state(), copy.state());
        assertThrows(IllegalArgumentException.class, () -> ReduceOnPlateau.builder().setOptimizer(opt).optFactor(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> r.step(Double.NaN));
    }
}
