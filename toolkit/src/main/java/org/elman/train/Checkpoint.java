package org.elman.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elman.io.SafeTensors;
import org.elman.io.SafeTensorsFormatException;
import org.elman.nn.Module;
import org.elman.optim.Optimizer;
import org.elman.optim.OptimizerState;
import org.elman.tensor.Tensor;

/**
 * A training checkpoint in ONE safetensors file: the model's {@link Module#stateDict()} (tensors
 * {@code model.<name>}), the optimiser's slot tensors ({@code optim.<param>.<slot>}), and in the
 * {@code __metadata__} the step counter, the optimiser's scalars, the random streams of a {@link
 * Seeds} and free-form user metadata. Reserved metadata keys start with {@code elman.}; user keys
 * are stored verbatim. Python's {@code safetensors} can read it. Written atomically ({@link
 * org.elman.io.AtomicFiles}): a crash during {@link #save} leaves the previous checkpoint intact.
 *
 * <p>The captured model and optimiser tensors are the live ones (no copy): save before the next
 * update.
 *
 * <pre>{@code
 * Checkpoint.capture(model, opt, step, seeds, Map.of("recipe", "wsj")).save(path);
 * Checkpoint ck = Checkpoint.load(path);
 * ck.restore(model, opt, seeds);
 * long step = ck.step();
 * }</pre>
 */
public final class Checkpoint {
    static final String FORMAT = "elman-checkpoint-1";
    private static final String RESERVED = "elman.";
    private static final String K_FORMAT = "elman.format";
    private static final String K_STEP = "elman.step";
    private static final String K_OPT_TYPE = "elman.optim.type";
    private static final String K_OPT = "elman.optim.";
    private static final String K_MASTER = "elman.rng.master";
    private static final String K_RNG = "elman.rng.stream.";
    private static final String MODEL = "model.";
    private static final String OPTIM = "optim.";

    private final Map<String, Tensor> model;
    private final String optimizerType;
    private final OptimizerState optimizer;
    private final long step;
    private final Long masterSeed;
    private final Map<String, String> rng;
    private final Map<String, String> metadata;

    private Checkpoint(Map<String, Tensor> model, String optimizerType, OptimizerState optimizer, long step,
                       Long masterSeed, Map<String, String> rng, Map<String, String> metadata) {
        this.model = Collections.unmodifiableMap(model);
        this.optimizerType = optimizerType;
        this.optimizer = optimizer;
        this.step = step;
        this.masterSeed = masterSeed;
        this.rng = Collections.unmodifiableMap(rng);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Captures the training state. {@code optimizer} and {@code seeds} may be null (not saved);
     * {@code metadata} keys must not start with {@code elman.}.
     */
    public static Checkpoint capture(Module model, Optimizer optimizer, long step, Seeds seeds, Map<String, String> metadata) {
        if (model == null) throw new IllegalArgumentException("checkpoint needs a model");
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        Map<String, String> meta = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        for (String k : meta.keySet()) {
            if (k.startsWith(RESERVED)) throw new IllegalArgumentException("metadata key '" + k + "' uses the reserved prefix " + RESERVED);
        }
        return new Checkpoint(new LinkedHashMap<>(model.stateDict()), optimizer == null ? null : optimizer.getClass().getSimpleName(),
                optimizer == null ? null : optimizer.state(), step, seeds == null ? null : seeds.master(),
                seeds == null ? Map.of() : seeds.state(), meta);
    }

    public long step() {
        return step;
    }

    /** The user metadata. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The model tensors by state-dict name. */
    public Map<String, Tensor> modelState() {
        return model;
    }

    /** The optimiser state, or null when none was saved. */
    public OptimizerState optimizerState() {
        return optimizer;
    }

    /** Writes the checkpoint, atomically replacing {@code file}. */
    public void save(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.forEach((k, v) -> tensors.put(MODEL + k, v));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(K_FORMAT, FORMAT);
        meta.put(K_STEP, Long.toString(step));
        if (optimizer != null) {
            meta.put(K_OPT_TYPE, optimizerType);
            optimizer.tensors().forEach((k, v) -> tensors.put(OPTIM + k, v));
            optimizer.scalars().forEach((k, v) -> meta.put(K_OPT + k, v));
        }
        if (masterSeed != null) {
            meta.put(K_MASTER, Long.toString(masterSeed));
            rng.forEach((k, v) -> meta.put(K_RNG + k, v));
        }
        SafeTensors.write(file, tensors, meta);
    }

    /** Reads a checkpoint written by {@link #save}. */
    public static Checkpoint load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get(K_FORMAT))) {
            throw new SafeTensorsFormatException(file, "not an Elman checkpoint (metadata " + K_FORMAT + " = " + meta.get(K_FORMAT) + ")");
        }
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optTensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            String k = e.getKey();
            if (k.startsWith(MODEL)) model.put(k.substring(MODEL.length()), e.getValue());
            else if (k.startsWith(OPTIM)) optTensors.put(k.substring(OPTIM.length()), e.getValue());
            else throw new SafeTensorsFormatException(file, "checkpoint tensor '" + k + "' is neither model.* nor optim.*");
        }
        Map<String, String> optScalars = new LinkedHashMap<>();
        Map<String, String> rng = new LinkedHashMap<>();
        Map<String, String> user = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(K_RNG)) rng.put(k.substring(K_RNG.length()), e.getValue());
            else if (k.startsWith(K_OPT) && !k.equals(K_OPT_TYPE)) optScalars.put(k.substring(K_OPT.length()), e.getValue());
            else if (!k.startsWith(RESERVED)) user.put(k, e.getValue());
        }
        String optType = meta.get(K_OPT_TYPE);
        OptimizerState opt = optType == null ? null : new OptimizerState(optTensors, optScalars);
        return new Checkpoint(model, optType, opt, parseLong(file, meta, K_STEP),
                meta.containsKey(K_MASTER) ? parseLong(file, meta, K_MASTER) : null, rng, user);
    }

    private static long parseLong(Path file, Map<String, String> meta, String key) throws SafeTensorsFormatException {
        try {
            return Long.parseLong(meta.get(key));
        } catch (NumberFormatException e) {
            throw new SafeTensorsFormatException(file, "metadata " + key + " is not an integer: " + meta.get(key));
        }
    }

    /**
     * Restores the model's parameters and buffers, the optimiser's state and the random streams.
     * Pass null for parts not to restore; asking for a part the checkpoint lacks is an error, as
     * is an optimiser of another kind or a {@link Seeds} with another master seed.
     */
    public void restore(Module target, Optimizer opt, Seeds seeds) {
        if (opt != null) {
            if (optimizer == null) throw new IllegalArgumentException("checkpoint holds no optimizer state");
            if (!opt.getClass().getSimpleName().equals(optimizerType)) {
                throw new IllegalArgumentException("checkpoint optimizer is " + optimizerType + ", not " + opt.getClass().getSimpleName());
            }
        }
        if (seeds != null) {
            if (masterSeed == null) throw new IllegalArgumentException("checkpoint holds no random state");
            if (seeds.master() != masterSeed) {
                throw new IllegalArgumentException("checkpoint was made with master seed " + masterSeed + ", these Seeds use " + seeds.master());
            }
        }
        if (target != null) target.loadStateDict(model);
        if (opt != null) opt.loadState(optimizer);
        if (seeds != null) seeds.loadState(rng);
    }
}
