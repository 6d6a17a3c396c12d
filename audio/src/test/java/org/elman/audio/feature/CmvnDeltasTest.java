package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmvnDeltasTest {
    static FeatureMatrix ramp(int t, int d, float scale) {
        float[] x = new float[t * d];
        for (int i = 0; i < t; i++) for (int c = 0; c < d; c++) x[i * d + c] = scale * (i + 10 * c) + (i % 3);
        return new FeatureMatrix(x, t, d);
    }

    @Test
    void perUtteranceGivesZeroMeanUnitVariance() {
        FeatureMatrix n = CmvnStats.perUtterance(ramp(50, 3, 0.5f), true);
        CmvnStats s = new CmvnStats(3).accumulate(n);
        for (int c = 0; c < 3; c++) {
            assertEquals(0, s.mean()[c], 1e-5);
            assertEquals(1, s.std()[c], 1e-5);
        }
        FeatureMatrix meanOnly = CmvnStats.perUtterance(ramp(50, 3, 0.5f), false);
        assertEquals(new CmvnStats(3).accumulate(ramp(50, 3, 0.5f)).std()[1],
                new CmvnStats(3).accumulate(meanOnly).std()[1], 1e-5);
    }

    @Test
    void globalStatsSaveAndLoad(@TempDir Path dir) throws IOException {
        CmvnStats s = new CmvnStats(3).accumulate(ramp(20, 3, 1f)).accumulate(ramp(7, 3, -2f));
        assertEquals(27, s.count());
        Path f = dir.resolve("cmvn.txt");
        s.save(f);
        CmvnStats back = CmvnStats.load(f);
        assertArrayEquals(s.mean(), back.mean());
        assertArrayEquals(s.std(), back.std());
        FeatureMatrix x = ramp(5, 3, 1f);
        assertArrayEquals(s.apply(x, true).data(), back.apply(x, true).data());
        Files.writeString(f, "elman-cmvn 1\ndim 2\ncount 3\nsum 1\nsumsq 1 2\n");
        IOException e = assertThrows(IOException.class, () -> CmvnStats.load(f));
        assertTrue(e.getMessage().contains("cmvn.txt") && e.getMessage().contains("expected 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.apply(ramp(2, 4, 1f), false));
    }

    @Test
    void onlineCmvnUsesTrailingWindowAndGlobalPrior() {
        FeatureMatrix m = ramp(30, 2, 1f);
        FeatureMatrix out = OnlineCmvn.apply(m, 4, false, null);
        for (int t = 0; t < 30; t++) {
            int lo = Math.max(0, t - 3);
            double mean = 0;
            for (int u = lo; u <= t; u++) mean += m.get(u, 1);
            mean /= t - lo + 1;
            assertEquals(m.get(t, 1) - mean, out.get(t, 1), 1e-4, "frame " + t);
        }
        CmvnStats global = new CmvnStats(2).accumulate(ramp(10, 2, 0f));
        FeatureMatrix withPrior = OnlineCmvn.apply(m, 4, false, global);
        double g = global.mean()[0];
        assertEquals(m.get(0, 0) - (m.get(0, 0) + 3 * g) / 4, withPrior.get(0, 0), 1e-4);
        assertEquals(out.get(10, 0), withPrior.get(10, 0), 1e-5);
    }

    @Test
    void deltasOfLinearRampAreConstantSlope() {
        float[] x = new float[20];
        for (int i = 0; i < 20; i++) x[i] = 2f * i;
        FeatureMatrix d = Deltas.compute(new FeatureMatrix(x, 20, 1), 2, 2);
        assertEquals(3, d.dim());
        for (int t = 4; t < 16; t++) {
            assertEquals(2f * t, d.get(t, 0), 1e-5);
            assertEquals(2f, d.get(t, 1), 1e-5);
            assertEquals(0f, d.get(t, 2), 1e-5);
        }
        assertEquals(9, Deltas.filters(2, 2)[2].length);
        // edges repeat the first frame: d_0 = (1*(x1-x0) + 2*(x2-x0)) / 10
        assertEquals((2f + 8f) / 10f, d.get(0, 1), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Deltas.compute(d, -1, 2));
    }
}
