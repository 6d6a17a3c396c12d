package org.elman.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * A layer or model: named parameters (trainable leaves), named buffers (state saved with the
 * model but not trained, such as running statistics) and named child modules, all registered
 * explicitly at construction. Names join with dots ({@code encoder.0.weight}); these are the keys
 * of {@link #stateDict()} and of safetensors files.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a trainable parameter; it is marked {@code requiresGrad}. */
    protected final Tensor param(String name, Tensor value) {
        checkName(name);
        params.put(name, value.requiresGrad(true));
        return value;
    }

    /** Registers a non-trainable tensor saved with the module. */
    protected final Tensor buffer(String name, Tensor value) {
        checkName(name);
        buffers.put(name, value);
        return value;
    }

    /** Registers a child module. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) throw new IllegalArgumentException("bad member name '" + name + "'");
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("member '" + name + "' registered twice");
        }
    }

    /** All trainable parameters, depth first, in registration order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** Parameters and buffers by dotted name: what a model file stores. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
        params.forEach((k, v) -> out.put(prefix + k, v));
        if (withBuffers) buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, withBuffers));
    }

    /**
     * Copies values into this module's parameters and buffers. Every key of the module must be
     * present with the same shape, and no unknown key may be given; errors name the key.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> own = stateDict();
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) throw new IllegalArgumentException("unexpected tensor '" + k + "' for " + getClass().getSimpleName());
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) throw new IllegalArgumentException("missing tensor '" + e.getKey() + "' for " + getClass().getSimpleName());
            Tensor dst = e.getValue();
            Shapes.require("tensor '" + e.getKey() + "'", src.shape(), dst.shape());
            System.arraycopy(src.data(), src.offset(), dst.data(), dst.offset(), dst.numel());
        }
    }

    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Training mode (dropout active, batch statistics) for this module and its children. */
    public final Module train() {
        return setTraining(true);
    }

    /** Inference mode for this module and its children. */
    public final Module eval() {
        return setTraining(false);
    }

    private Module setTraining(boolean t) {
        training = t;
        children.values().forEach(c -> c.setTraining(t));
        return this;
    }

    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradients of all parameters. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /** Number of trainable scalars. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }
}
