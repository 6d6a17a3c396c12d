package org.elman.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The engine: accumulation, shared subexpressions, no-grad scopes, detach, custom functions. */
class GraphTest {
    @Test
    void gradientOfSharedSubexpressionSumsBothPaths() {
        Tensor x = Tensor.vector(3f).requiresGrad(true);
        Tensor y = x.mul(x).add(x.mul(2f)); // y = x^2 + 2x, dy/dx = 2x + 2 = 8
        y.sum().backward();
        assertEquals(8f, x.grad().item(), 1e-6);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6f, 6f}, x.grad().toArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        Tensor y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            y = x.mul(2f);
        }
        assertFalse(y.requiresGrad());
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void detachStopsGradientButSharesStorage() {
        Tensor x = Tensor.vector(2f).requiresGrad(true);
        Tensor d = x.mul(3f).detach();
        Tensor y = x.mul(d); // only the direct path: dy/dx = d = 6
        y.sum().backward();
        assertEquals(6f, x.grad().item(), 1e-6);
        assertFalse(d.requiresGrad());
    }

    @Test
    void retainGradKeepsIntermediateGradient() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor h = x.mul(2f).retainGrad();
        h.mul(h).sum().backward();
        assertArrayEquals(new float[] {4f, 8f}, h.grad().toArray());
        assertArrayEquals(new float[] {8f, 16f}, x.grad().toArray());
    }

    @Test
    void customFunctionIsOneNode() {
        Function cube = new Function("cube") {
            @Override
            protected Tensor[] forward(Context ctx, Tensor... in) {
                ctx.save(in[0]);
                return new Tensor[] {in[0].mul(in[0]).mul(in[0])};
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                Tensor x = ctx.saved(0);
                return new Tensor[] {g[0].mul(x.mul(x)).mul(3f)};
            }
        };
        Tensor x = Tensor.vector(0.5f, -1f, 2f).requiresGrad(true);
        Tensor y = cube.apply(x)[0];
        assertEquals("cube", y.gradFn().name());
        GradCheck.Result r = GradCheck.check(() -> cube.apply(x)[0], List.of(x), 1e-3f);
        assertTrue(r.passed(1e-2), r.where());
    }

    @Test
    void multiOutputNodeReceivesNullForUnusedOutputs() {
        Tensor x = Tensor.vector(1f, 2f, 3f, 4f).requiresGrad(true);
        Tensor[] parts = org.elman.ops.Reshape.split(x, 0, 2, 2);
        parts[1].mul(5f).sum().backward();
        assertArrayEquals(new float[] {0f, 0f, 5f, 5f}, x.grad().toArray());
    }

    @Test
    void backwardNeedsScalarOrSeed() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor y = x.mul(2f);
        assertThrows(IllegalStateException.class, y::backward);
        y.backward(Tensor.vector(1f, 1f));
        assertArrayEquals(new float[] {2f, 2f}, x.grad().toArray());
        assertThrows(IllegalStateException.class, () -> Tensor.vector(1f).backward());
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20000; i++) y = y.add(0f);
        y.sum().backward();
        assertEquals(1f, x.grad().item());
    }
}
