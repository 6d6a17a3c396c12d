package org.elman.nn;

import java.util.Random;
import org.elman.tensor.Tensor;

/** Weight initialisers; every one takes the random source so runs are reproducible. */
public final class Init {
    private Init() {}

    /** U(-bound, bound): PyTorch's default for Linear and RNN weights uses bound = 1/sqrt(fanIn). */
    public static Tensor uniform(Random rng, float bound, int... shape) {
        return Tensor.uniform(rng, -bound, bound, shape);
    }

    /** Glorot/Xavier uniform. */
    public static Tensor xavierUniform(Random rng, int fanIn, int fanOut, int... shape) {
        return uniform(rng, (float) Math.sqrt(6.0 / (fanIn + fanOut)), shape);
    }

    /** He/Kaiming normal for ReLU networks. */
    public static Tensor kaimingNormal(Random rng, int fanIn, int... shape) {
        Tensor t = Tensor.randn(rng, shape);
        float s = (float) Math.sqrt(2.0 / fanIn);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] *= s;
        return t;
    }
}
