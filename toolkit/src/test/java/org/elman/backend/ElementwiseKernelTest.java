package org.elman.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CPU backend's elementwise kernels against the reference definitions in the op enums. */
class ElementwiseKernelTest {
    private static float[] samples() {
        Random r = new Random(11);
        float[] x = new float[100_003]; // odd size: exercises loop tails and the parallel split
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * 6);
        float[] edge = {0f, -0f, 1e-30f, -1e-7f, 8.99f, 9f, 9.01f, -40f, 40f, Float.MAX_VALUE, -Float.MAX_VALUE};
        System.arraycopy(edge, 0, x, 0, edge.length);
        return x;
    }

    @Test
    void unaryKernelsMatchTheirDefinition() {
        float[] x = samples();
        float[] y = new float[x.length + 2];
        for (UnaryOp op : UnaryOp.values()) {
            Backends.current().unary(op, x, 0, y, 2, x.length);
            for (int i = 0; i < x.length; i++) {
                float expected = op.apply(x[i]);
                float tol = 1e-6f * Math.max(1f, Math.abs(expected));
                if (op == UnaryOp.TANH) tol = 4e-7f * Math.abs(expected) + 1e-30f;
                if (Float.isNaN(expected)) {
                    assertEquals(Float.NaN, y[i + 2], op + " at x=" + x[i]);
                } else {
                    assertEquals(expected, y[i + 2], tol, op + " at x=" + x[i]);
                }
            }
        }
    }

    @Test
    void binaryKernelsMatchTheirDefinition() {
        float[] a = samples();
        float[] b = samples();
        for (int i = 0; i < b.length; i++) b[i] = b[(i * 7919) % b.length] * 0.5f + 0.25f;
        float[] y = new float[a.length];
        for (BinaryOp op : BinaryOp.values()) {
            if (op == BinaryOp.POW) continue; // NaN for negative bases; covered by the op tests
            Backends.current().binary(op, a, 0, b, 0, y, 0, a.length);
            for (int i = 0; i < a.length; i++) {
                float expected = op.apply(a[i], b[i]);
                assertEquals(expected, y[i], 1e-6f * Math.max(1f, Math.abs(expected)), op + " at " + a[i] + ", " + b[i]);
            }
        }
    }
}
