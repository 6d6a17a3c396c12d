package org.elman.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void timeSliceIsAViewWithoutCopy() {
        Tensor seq = Tensor.of(new float[24], 4, 3, 2); // (T, N, F)
        Tensor step = seq.rows(2, 1);
        assertSame(seq.data(), step.data());
        assertEquals(12, step.offset());
        step.set(7f, 0, 1, 1);
        assertEquals(7f, seq.get(2, 1, 1));
    }

    @Test
    void indexingIsRowMajorAndChecked() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertEquals(5f, t.get(1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.get(1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
    }

    @Test
    void viewInfersOneDimension() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertArrayEquals(new int[] {6, 4}, t.view(-1, 4).shape());
        assertThrows(IllegalArgumentException.class, () -> t.view(-1, -1));
    }

    @Test
    void broadcastShapes() {
        assertArrayEquals(new int[] {2, 3, 4}, Shapes.broadcast(new int[] {3, 1}, new int[] {2, 1, 4}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shapes.broadcast(new int[] {3}, new int[] {4}));
        assertTrue(e.getMessage().contains("(3)"));
    }
}
