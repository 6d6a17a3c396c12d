package org.elman.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequencesTest {
    @Test
    void padsIntoTimeMajorWithLengths() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor b = Tensor.of(new float[] {7, 8}, 1, 2);
        int[] lengths = new int[2];
        Tensor x = Sequences.padTimeMajor(List.of(a, b), lengths);
        assertArrayEquals(new int[] {3, 2, 2}, x.shape());
        assertArrayEquals(new int[] {3, 1}, lengths);
        assertArrayEquals(new float[] {1, 2, 7, 8, 3, 4, 0, 0, 5, 6, 0, 0}, x.toArray());
    }

    @Test
    void rejectsMismatchedInput() {
        Tensor a = Tensor.zeros(3, 2);
        assertThrows(IllegalArgumentException.class, () -> Sequences.padTimeMajor(List.of(a, Tensor.zeros(2, 3)), new int[2]));
        assertThrows(IllegalArgumentException.class, () -> Sequences.padTimeMajor(List.of(a), new int[2]));
        assertThrows(IllegalArgumentException.class, () -> Sequences.padTimeMajor(List.of(), new int[0]));
    }
}
