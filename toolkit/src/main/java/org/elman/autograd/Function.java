package org.elman.autograd;

import java.util.HashMap;
import java.util.Map;
import org.elman.tensor.Tensor;

/**
 * A user-defined differentiable function, in the manner of {@code torch.autograd.Function}:
 * implement {@link #forward} (run without recording) and {@link #backward}; {@link #apply} records
 * one node for the whole function.
 *
 * <pre>{@code
 * Function square = new Function("square") {
 *   protected Tensor[] forward(Context ctx, Tensor... in) { ctx.save(in[0]); return new Tensor[] {in[0].mul(in[0])}; }
 *   protected Tensor[] backward(Context ctx, Tensor... g) { return new Tensor[] {g[0].mul(ctx.saved(0)).mul(2f)}; }
 * };
 * }</pre>
 */
public abstract class Function {
    private final String name;

    protected Function(String name) {
        this.name = name;
    }

    protected abstract Tensor[] forward(Context ctx, Tensor... inputs);

    /** Gradients of the inputs given the gradients of the outputs ({@code null} entries mean zero). */
    protected abstract Tensor[] backward(Context ctx, Tensor... gradOutputs);

    public final Tensor[] apply(Tensor... inputs) {
        Context ctx = new Context();
        Tensor[] outputs;
        try (GradMode.Scope s = GradMode.noGrad()) {
            outputs = forward(ctx, inputs);
        }
        Graph.record(name, inputs, outputs, g -> backward(ctx, g));
        return outputs;
    }

    /** State carried from forward to backward. */
    public static final class Context {
        private Tensor[] saved = new Tensor[0];
        private final Map<String, Object> values = new HashMap<>();

        public void save(Tensor... tensors) {
            saved = tensors.clone();
        }

        public Tensor saved(int i) {
            return saved[i];
        }

        public void put(String key, Object value) {
            values.put(key, value);
        }

        @SuppressWarnings("unchecked")
        public <T> T get(String key) {
            return (T) values.get(key);
        }
    }
}
