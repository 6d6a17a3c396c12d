package org.elman.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.elman.tensor.Tensor;

/**
 * Single-input layers applied in order: {@code y = f_k(... f_2(f_1(x)))}. The layers are
 * registered as children named {@code 0, 1, ...}, so parameter names read {@code 0.weight}.
 *
 * <pre>{@code
 * Sequential mlp = Sequential.builder().add(fc1).add(Activations.relu()).add(fc2).build();
 * }</pre>
 */
public final class Sequential extends Module implements Layer {
    private final List<Layer> layers;

    private Sequential(List<Module> modules) {
        List<Layer> ls = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            child(Integer.toString(i), modules.get(i));
            ls.add((Layer) modules.get(i));
        }
        layers = Collections.unmodifiableList(ls);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Layer l : layers) y = l.forward(y);
        return y;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int size() {
        return layers.size();
    }

    /** The layers of a {@link Sequential}; at least one is required. */
    public static final class Builder {
        private final List<Module> modules = new ArrayList<>();

        public <M extends Module & Layer> Builder add(M layer) {
            modules.add(Builders.notNull(layer, "Sequential layer"));
            return this;
        }

        public Sequential build() {
            if (modules.isEmpty()) throw new IllegalStateException("Sequential needs at least one layer (add)");
            return new Sequential(modules);
        }
    }
}
