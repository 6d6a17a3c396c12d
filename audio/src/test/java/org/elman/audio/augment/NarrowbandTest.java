package org.elman.audio.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NarrowbandTest {
    private static double energy(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) e += x[i] * x[i];
        return e;
    }

    @Test
    void removesWhatLiesAboveTheTelephoneBandAndKeepsWhatLiesInIt() {
        int rate = 16000;
        int n = 16000;
        float[] high = Narrowband.apply(AugmentTest.tone(6000, rate, n), rate, Narrowband.TELEPHONE_RATE_HZ);
        float[] low = Narrowband.apply(AugmentTest.tone(1000, rate, n), rate, Narrowband.TELEPHONE_RATE_HZ);
        assertEquals(n, high.length);
        assertEquals(n, low.length);
        double in = energy(AugmentTest.tone(6000, rate, n), 1000, n - 1000);
        assertTrue(energy(high, 1000, n - 1000) < 1e-4 * in, "a 6 kHz tone must not pass an 8 kHz link");
        float[] ref = AugmentTest.tone(1000, rate, n);
        double err = 0;
        for (int i = 1000; i < n - 1000; i++) err += (low[i] - ref[i]) * (low[i] - ref[i]);
        assertTrue(err < 1e-4 * energy(ref, 1000, n - 1000), "a 1 kHz tone must pass unchanged, relative error " + err / energy(ref, 1000, n - 1000));
    }

    @Test
    void audioAlreadyThatNarrowIsCopiedAndBadRatesAreNamed() {
        float[] x = AugmentTest.tone(1000, 8000, 333);
        float[] y = Narrowband.apply(x, 8000, 8000);
        assertArrayEquals(x, y);
        assertTrue(x != y, "a copy, not the caller's array");
        assertEquals(101, Narrowband.apply(AugmentTest.tone(300, 22050, 101), 22050, 8000).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Narrowband.apply(x, 0, 8000));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }
}
