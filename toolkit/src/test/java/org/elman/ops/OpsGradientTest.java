package org.elman.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.elman.autograd.GradCheck;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks for every differentiable op in {@code org.elman.ops}. */
class OpsGradientTest {
    private final Random rng = new Random(42);

    private Tensor param(int... shape) {
        return Tensor.uniform(rng, -1f, 1f, shape).requiresGrad(true);
    }

    private Tensor positive(int... shape) {
        return Tensor.uniform(rng, 0.5f, 2f, shape).requiresGrad(true);
    }

    private static void check(Supplier<Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, List.of(inputs), 1e-2f);
        assertTrue(r.passed(2e-2), r.where() + " error " + r.maxError());
    }

    @Test
    void arithmeticWithBroadcasting() {
        Tensor a = param(3, 4);
        Tensor b = param(4);
        Tensor c = positive(3, 1);
        check(() -> Arith.add(a, b), a, b);
        check(() -> Arith.sub(b, a), a, b);
        check(() -> Arith.mul(a, c), a, c);
        check(() -> Arith.div(a, c), a, c);
        // maximum has a kink where a == b: use operands at least 0.1 apart
        Tensor m1 = Tensor.matrix(new float[][] {{0.1f, 0.5f, -0.3f, 0.9f}, {-0.6f, 0.0f, 0.4f, -0.2f}}).requiresGrad(true);
        Tensor m2 = Tensor.vector(0.3f, 0.2f, 0.1f, -0.5f).requiresGrad(true);
        check(() -> Arith.maximum(m1, m2), m1, m2);
        check(() -> Arith.pow(c, 3f), c);
        check(() -> Arith.addScalar(Arith.mulScalar(a, 3f), 1f), a);
        check(() -> Arith.clamp(a, -0.5f, 0.5f), a);
    }

    @Test
    void unaryFunctions() {
        Tensor x = param(2, 5);
        Tensor p = positive(2, 5);
        check(() -> Unary.tanh(x), x);
        check(() -> Unary.sigmoid(x), x);
        check(() -> Unary.exp(x), x);
        check(() -> Unary.log(p), p);
        check(() -> Unary.sqrt(p), p);
        check(() -> Unary.relu(Arith.addScalar(x, 0.05f)), x);
        check(() -> Unary.leakyRelu(x, 0.1f), x);
    }

    @Test
    void matrixProducts() {
        Tensor a = param(3, 4);
        Tensor b = param(4, 5);
        Tensor seq = param(2, 3, 4);
        Tensor w = param(6, 4);
        Tensor bias = param(6);
        Tensor bb = param(2, 4, 3);
        check(() -> Linalg.matmul(a, b), a, b);
        check(() -> Linalg.matmul(seq, b), seq, b);
        check(() -> Linalg.linear(seq, w, bias), seq, w, bias);
        check(() -> Linalg.linear(a, w, null), a, w);
        check(() -> Linalg.bmm(seq, bb), seq, bb);
    }

    @Test
    void reductionsAndSoftmax() {
        Tensor x = param(3, 4, 2);
        check(() -> Reduce.sum(x, 1, false), x);
        check(() -> Reduce.mean(x, -1, true), x);
        check(() -> Reduce.max(x, 1, false), x);
        check(() -> Reduce.mean(x), x);
        check(() -> Softmax.softmax(x, 1), x);
        check(() -> Softmax.logSoftmax(x, -1), x);
        check(() -> Softmax.logSoftmax(x, 0), x);
    }

    @Test
    void shapeOperations() {
        Tensor x = param(3, 4, 2);
        Tensor y = param(3, 1, 2);
        check(() -> Reshape.reshape(x, 4, -1), x);
        check(() -> Reshape.permute(x, 2, 0, 1), x);
        check(() -> Reshape.transpose(x, 0, 1), x);
        check(() -> Reshape.narrow(x, 1, 1, 2), x);
        check(() -> Reshape.select(x, 0, 2), x);
        check(() -> Reshape.concat(1, x, y), x, y);
        check(() -> Reshape.split(x, 1, 1, 3)[1], x);
        check(() -> Reshape.stack(0, x, x), x);
        check(() -> Reshape.indexSelect(x, new int[] {2, 0, 2}), x);
        check(() -> Index.gather(x, 1, new int[] {3, 0, 1, 1, 2, 2}, 3, 1, 2), x);
    }
}
