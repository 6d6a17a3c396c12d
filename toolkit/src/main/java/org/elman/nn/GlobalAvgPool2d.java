package org.elman.nn;

import org.elman.ops.Pool;
import org.elman.tensor.Tensor;

/** Mean over the spatial axes: {@code (N, C, H, W) -> (N, C)}. */
public final class GlobalAvgPool2d extends Module implements Layer {
    @Override
    public Tensor forward(Tensor x) {
        return Pool.globalAvgPool2d(x);
    }
}
