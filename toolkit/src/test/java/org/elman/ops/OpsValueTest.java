package org.elman.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Exact values of the ops on small hand-computed cases, and their error messages. */
class OpsValueTest {
    @Test
    void broadcastingAddsRowAndColumn() {
        Tensor a = Tensor.matrix(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor col = Tensor.of(new float[] {10, 20}, 2, 1);
        assertArrayEquals(new float[] {11, 12, 13, 24, 25, 26}, Arith.add(a, col).toArray());
        assertArrayEquals(new float[] {2, 4, 6, 5, 7, 9}, Arith.add(a, Tensor.vector(1, 2, 3)).toArray());
    }

    @Test
    void matmulMatchesHandProduct() {
        Tensor a = Tensor.matrix(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor b = Tensor.matrix(new float[][] {{1, 0, 2}, {0, 1, 3}});
        assertArrayEquals(new float[] {1, 2, 8, 3, 4, 18, 5, 6, 28}, a.matmul(b).toArray());
        Tensor w = Tensor.matrix(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        assertArrayEquals(new float[] {2, 3, 4, 4, 5, 8, 6, 7, 12},
                Linalg.linear(a, w, Tensor.vector(1, 1, 1)).toArray());
    }

    @Test
    void permuteAndConcatPlaceElements() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
        Tensor p = Reshape.permute(x, 2, 1, 0);
        assertArrayEquals(new int[] {3, 2, 1}, p.shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, p.toArray());
        Tensor c = Reshape.concat(2, x, x);
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}, c.toArray());
    }

    @Test
    void gatherPicksAlongAnAxis() {
        Tensor x = Tensor.matrix(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new float[] {3, 1, 5, 5}, Index.gather(x, 1, new int[] {2, 0, 1, 1}, 2, 2).toArray());
        assertArrayEquals(new float[] {4, 2, 6}, Index.gather(x, 0, new int[] {1, 0, 1}, 1, 3).toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> Index.gather(x, 1, new int[] {3, 0}, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Index.gather(x, 1, new int[] {0}, 1, 1));
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        Tensor x = Tensor.vector(1000f, 1000f, -1000f);
        float[] s = Softmax.softmax(x, 0).toArray();
        assertEquals(0.5f, s[0], 1e-6);
        assertEquals(0f, s[2], 1e-6);
        float[] ls = Softmax.logSoftmax(x, 0).toArray();
        assertEquals((float) -Math.log(2), ls[0], 1e-5);
        assertTrue(Float.isFinite(ls[2]));
    }

    @Test
    void reductionsOverAxes() {
        Tensor x = Tensor.of(new float[] {1, 5, 2, 8, 3, 0}, 2, 3);
        assertArrayEquals(new float[] {8, 11}, Reduce.sum(x, 1, false).toArray());
        assertArrayEquals(new float[] {9, 8, 2}, Reduce.sum(x, 0, false).toArray());
        assertArrayEquals(new float[] {5, 8}, Reduce.max(x, 1, false).toArray());
        assertEquals(19f / 6, Reduce.mean(x).item(), 1e-6);
    }

    @Test
    void badShapesNameTheProblem() {
        Tensor a = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("do not broadcast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.reshape(4, -1));
        assertTrue(e.getMessage().contains("cannot reshape"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Reshape.indexSelect(a, new int[] {2}));
    }
}
