package org.elman.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {
    @Test
    void sortsByLengthAndCutsByCount() {
        List<int[]> b = LengthBuckets.make(new int[] {5, 1, 3, 9, 2, 8, 3}, 2, 0);
        assertEquals(4, b.size());
        assertArrayEquals(new int[] {1, 4}, b.get(0));
        assertArrayEquals(new int[] {2, 6}, b.get(1));   // tie on length 3 broken by index
        assertArrayEquals(new int[] {0, 5}, b.get(2));
        assertArrayEquals(new int[] {3}, b.get(3));
    }

    @Test
    void framesBudgetCountsPadding() {
        int[] lengths = {4, 4, 5, 6, 20, 3};
        List<int[]> b = LengthBuckets.make(lengths, 100, 12);
        // sorted 3,4,4,5,6,20 -> [3,4,4] (3*4=12), [5,6] (2*6=12), [20] alone (over budget)
        assertArrayEquals(new int[] {5, 0, 1}, b.get(0));
        assertArrayEquals(new int[] {2, 3}, b.get(1));
        assertArrayEquals(new int[] {4}, b.get(2));
        assertEquals(3, b.size());
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.make(lengths, 0, 0));
    }

    @Test
    void epochOrderIsASeededPermutation() {
        int[] a = LengthBuckets.epochOrder(20, 7, 3);
        assertArrayEquals(a, LengthBuckets.epochOrder(20, 7, 3));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 20; i++) assertEquals(i, sorted[i]);
        assertFalse(Arrays.equals(a, LengthBuckets.epochOrder(20, 7, 4)), "another epoch, another order");
        assertFalse(Arrays.equals(a, LengthBuckets.epochOrder(20, 8, 3)), "another seed, another order");
        assertTrue(LengthBuckets.epochOrder(0, 1, 0).length == 0);
    }
}
