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

    /** The exponent is read from the bits without an int-to-double conversion; every binade adds exactly e ln 2. */
    @Test
    void logPositiveExponentIsExactInEveryBinade() {
        double ln2 = Math.log(2);
        for (double m : new double[] {1.0, 1.3, 1.75, Math.nextDown(2.0)}) {
            double base = FastLog.logPositive(m);
            for (int e = -1022; e <= 1023; e++) {
                double x = Math.scalb(m, e);
                assertEquals(e * ln2 + base, FastLog.logPositive(x), 1e-12 * Math.max(1, Math.abs(e)), "x=" + x);
            }
        }
    }
}
