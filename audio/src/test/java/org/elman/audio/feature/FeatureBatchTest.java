package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureBatchTest {
    @Test
    void stacksTimeMajorWithZeroPadding() {
        FeatureMatrix a = new FeatureMatrix(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        FeatureMatrix b = new FeatureMatrix(new float[] {7, 8}, 1, 2);
        FeatureBatch batch = FeatureBatch.of(List.of(a, b));
        assertArrayEquals(new int[] {3, 2, 2}, batch.features().shape());
        assertArrayEquals(new int[] {3, 1}, batch.lengths());
        assertArrayEquals(new float[] {1, 2, 7, 8, 3, 4, 0, 0, 5, 6, 0, 0}, batch.features().toArray());
        assertThrows(IllegalArgumentException.class, () -> FeatureBatch.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> FeatureBatch.of(List.of(a, new FeatureMatrix(new float[3], 1, 3))));
        assertEquals(0, FeatureBatch.of(List.of(new FeatureMatrix(new float[0], 0, 4))).features().numel());
    }
}
