package org.elman.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elman.tensor.Tensor;

/**
 * Everything an optimiser needs to continue exactly where it stopped: per-parameter slot tensors
 * (moment estimates, momentum buffers) keyed {@code "<paramIndex>.<slot>"}, and scalars kept as
 * exact decimal strings (the learning rate as {@link Double#toString}, per-parameter step counts
 * keyed {@code "<paramIndex>.step"}). Strings rather than float32 tensors so that a {@code long}
 * step count and a {@code double} learning rate survive a save and load bit for bit.
 */
public record OptimizerState(Map<String, Tensor> tensors, Map<String, String> scalars) {
    public OptimizerState {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }
}
