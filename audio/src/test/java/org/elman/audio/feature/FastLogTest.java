package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FastLogTest {
    @Test
    void matchesMathLogAcrossTheRange() {
        Random rng = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            double x = Math.exp(rng.nextDouble() * 1400 - 700);
            double ref = Math.log(x);
            assertEquals(ref, FastLog.log(x), 1e-14 * Math.max(1, Math.abs(ref)), "x=" + x);
        }
        for (double x : new double[] {1.0, 2.0, 0.5, FrontendConfig.FLOAT_EPSILON, Math.nextDown(2.0), 1e300}) {
            assertEquals(Math.log(x), FastLog.log(x), 1e-14 * Math.max(1, Math.abs(Math.log(x))), "x=" + x);
        }
        assertEquals(Math.log(Double.MIN_VALUE), FastLog.log(Double.MIN_VALUE));
        assertEquals(Double.NEGATIVE_INFINITY, FastLog.log(0.0));
        assertTrue(Double.isNaN(FastLog.log(-1.0)));
        assertTrue(Double.isNaN(FastLog.log(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, FastLog.log(Double.POSITIVE_INFINITY));
    }

    @Test
    void logPositiveIsWithin1e11OverTheFeatureRange() {
        Random rng = new Random(4);
        for (int i = 0; i < 20_000; i++) {
            double x = Math.exp(rng.nextDouble() * 1400 - 700);
            assertEquals(Math.log(x), FastLog.logPositive(x), 1e-11, "x=" + x);
        }
        for (double x : new double[] {1.0, 2.0, 0.5, FrontendConfig.FLOAT_EPSILON, Math.nextDown(2.0), Double.MIN_NORMAL}) {
            assertEquals(Math.log(x), FastLog.logPositive(x), 1e-11, "x=" + x);
        }
    }
}
