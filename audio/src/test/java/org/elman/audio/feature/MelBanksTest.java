package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelBanksTest {
    @Test
    void scalesHaveTheirKnownValues() {
        assertEquals(1000.0, MelScale.HTK.toMel(1000), 0.01);
        assertEquals(15.0, MelScale.SLANEY.toMel(1000), 1e-12);
        assertEquals(3.0, MelScale.SLANEY.toMel(200), 1e-12);
        for (MelScale s : MelScale.values()) {
            for (double hz : new double[] {0, 100, 999, 1000, 4000, 8000}) assertEquals(hz, s.toHz(s.toMel(hz)), 1e-9);
        }
    }

    @Test
    void kaldiTrianglesPeakBelowOneAndSkipNyquist() {
        double[][] d = new MelBanks(MelScale.KALDI, 80, 512, 16000, 20, 8000, false).dense();
        for (double[] row : d) {
            double max = 0;
            for (double w : row) max = Math.max(max, w);
            assertTrue(max > 0 && max <= 1, "peak " + max);
            assertEquals(0.0, row[256], "Nyquist bin");
        }
        assertEquals(0.0, d[0][0], "DC bin below 20 Hz");
    }

    @Test
    void slaneyNormGivesUnitAreaFilters() {
        double binHz = 16000.0 / 2048;
        MelBanks b = new MelBanks(MelScale.SLANEY, 40, 2048, 16000, 0, 8000, true);
        for (double[] row : b.dense()) {
            double area = 0;
            for (double w : row) area += w * binHz;
            assertEquals(1.0, area, 0.05);
        }
        assertThrows(IllegalArgumentException.class, () -> new MelBanks(MelScale.HTK, 10, 512, 16000, 100, 9000, false));
        assertThrows(IllegalArgumentException.class, () -> new MelBanks(MelScale.HTK, 0, 512, 16000, 0, 8000, false));
    }

    /**
     * The padded, straight-line {@code applyFast} against the plain per-filter {@code apply}, for
     * banks whose filters take every path (4..16 padded weights, and longer ones at 4096 points).
     */
    @Test
    void applyFastMatchesApply() {
        java.util.Random rng = new java.util.Random(8);
        MelBanks[] banks = {
            new MelBanks(MelScale.KALDI, 80, 512, 16000, 20, 8000, false),
            new MelBanks(MelScale.KALDI, 23, 512, 16000, 20, 8000, false),
            new MelBanks(MelScale.HTK, 40, 1024, 16000, 0, 8000, false),
            new MelBanks(MelScale.SLANEY, 64, 4096, 16000, 0, 8000, true),
        };
        int[] sizes = {512, 512, 1024, 4096};
        for (int b = 0; b < banks.length; b++) {
            int bins = sizes[b] / 2 + 1;
            double[] spectrum = new double[bins + MelBanks.PAD];
            for (int k = 0; k < bins; k++) spectrum[k] = Math.exp(rng.nextGaussian() * 5);
            double[] want = new double[banks[b].numBins()], got = new double[banks[b].numBins()];
            banks[b].apply(spectrum, want);
            banks[b].applyFast(spectrum, got);
            for (int m = 0; m < want.length; m++) assertEquals(want[m], got[m], 1e-13 * want[m], "bank " + b + " filter " + m);
        }
        assertThrows(IllegalArgumentException.class, () -> banks[0].applyFast(new double[257], new double[80]));
    }
}
