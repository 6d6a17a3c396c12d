package org.elman.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.elman.autograd.GradCheck;
import org.elman.tensor.Tensor;

/** Shared assertions of the layer tests. */
public final class GradAssert {
    private GradAssert() {}

    /** Finite-difference check of every element of every input. */
    public static void gradients(Supplier<Tensor> f, float eps, double tol, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, List.of(inputs), eps);
        assertTrue(r.passed(tol), "gradient check failed, max error " + r.maxError() + " at " + r.where());
    }

    /** A tensor of uniform values in [-1, 1) that requires gradients. */
    public static Tensor param(long seed, int... shape) {
        return Tensor.uniform(new Random(seed), -1f, 1f, shape).requiresGrad(true);
    }

    public static void close(float[] expected, Tensor actual, float tol) {
        assertArrayEquals(expected, actual.toArray(), tol);
    }
}
