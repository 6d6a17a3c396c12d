package org.elman.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elman.autograd.GradMode;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Base of the first-order optimisers. Holds the parameters (leaf tensors updated in place in
 * {@code data()} at {@code offset()}), the learning rate (which schedules change between steps),
 * a per-parameter step count and per-parameter slot tensors created on a parameter's first update.
 *
 * <p>{@link #step()} runs under {@link GradMode#noGrad()} and skips every parameter whose gradient
 * is null; a skipped parameter's step count does not advance (as in PyTorch, whose per-parameter
 * state is also created lazily). Not thread-safe.
 */
public abstract class Optimizer {
    /** Elements per parallel chunk of an element-wise update. */
    static final int GRAIN = 1 << 15;

    private final List<Tensor> params;
    private final long[] steps;
    private final Tensor[][] slots;
    private double lr;
    private double initialLr;

    protected Optimizer(List<Tensor> params, double lr) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException("optimizer needs at least one parameter");
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) throw new IllegalArgumentException("parameter " + i + " is null");
            if (!seen.add(p)) throw new IllegalArgumentException("parameter " + i + " appears twice in the list");
            if (!p.isLeaf()) throw new IllegalArgumentException("parameter " + i + " is not a leaf tensor: " + p);
        }
        this.params = List.copyOf(params);
        this.steps = new long[params.size()];
        this.slots = new Tensor[params.size()][];
        setLr(lr);
        this.initialLr = lr;
    }

    /** Names of the per-parameter slot tensors, in a fixed order (e.g. {@code exp_avg}). */
    protected abstract List<String> slotNames();

    /**
     * Updates one parameter in place. {@code slots} holds this parameter's slot tensors in
     * {@link #slotNames()} order; {@code firstStep} tells that they were just created as zeros.
     * {@code step} is the parameter's step count including this one (1 on the first update).
     */
    protected abstract void update(Tensor param, Tensor grad, Tensor[] slots, long step, boolean firstStep);

    /** One update of every parameter that has a gradient. */
    public final void step() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor g = p.grad();
                if (g == null) continue;
                Shapes.require("gradient of parameter " + i, g.shape(), p.shape());
                boolean first = slots[i] == null;
                if (first) slots[i] = newSlots(p);
                steps[i]++;
                update(p, g, slots[i], steps[i], first);
            }
        }
    }

    private Tensor[] newSlots(Tensor p) {
        Tensor[] s = new Tensor[slotNames().size()];
        for (int j = 0; j < s.length; j++) s[j] = Tensor.zeros(p.shape());
        return s;
    }

    /** Clears the gradients of all parameters. */
    public final void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    public final List<Tensor> params() {
        return params;
    }

    public final double lr() {
        return lr;
    }

    public final void setLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        this.lr = lr;
    }

    /**
     * The rate the optimiser was built with (restored by {@link #loadState}); schedules scale
     * this base rate, so a schedule created after a resume still sees the original base.
     */
    public final double initialLr() {
        return initialLr;
    }

    /** Number of updates parameter {@code index} has received. */
    public final long stepCount(int index) {
        return steps[index];
    }

    /** A snapshot of the state (slot tensors are copies). */
    public final OptimizerState state() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> scalars = new LinkedHashMap<>();
        scalars.put("lr", Double.toString(lr));
        scalars.put("initial_lr", Double.toString(initialLr));
        List<String> names = slotNames();
        for (int i = 0; i < params.size(); i++) {
            scalars.put(i + ".step", Long.toString(steps[i]));
            if (slots[i] == null) continue;
            for (int j = 0; j < names.size(); j++) tensors.put(i + "." + names.get(j), slots[i][j].copy());
        }
        return new OptimizerState(tensors, scalars);
    }

    /**
     * Restores a state produced by {@link #state()} of an optimiser of the same kind over
     * parameters of the same shapes. Validates everything before changing anything.
     */
    public final void loadState(OptimizerState state) {
        double newLr = parseDouble(state.scalars(), "lr");
        double newInitialLr = parseDouble(state.scalars(), "initial_lr");
        long stepKeys = state.scalars().keySet().stream().filter(k -> k.endsWith(".step")).count();
        if (stepKeys != params.size()) {
            throw new IllegalArgumentException("optimizer state is for " + stepKeys + " parameters, this optimizer has " + params.size());
        }
        long[] newSteps = new long[params.size()];
        Tensor[][] newSlots = new Tensor[params.size()][];
        List<String> names = slotNames();
        int used = 0;
        for (int i = 0; i < params.size(); i++) {
            newSteps[i] = parseLong(state.scalars(), i + ".step");
            if (newSteps[i] < 0) throw new IllegalArgumentException("optimizer state: negative step count for parameter " + i);
            boolean hasSlots = !names.isEmpty() && state.tensors().containsKey(i + "." + names.get(0));
            if (!names.isEmpty() && hasSlots != (newSteps[i] > 0)) {
                throw new IllegalArgumentException("optimizer state: parameter " + i + " has step count " + newSteps[i]
                        + (hasSlots ? " but slot tensors" : " but no slot tensors"));
            }
            if (!hasSlots) continue;
            newSlots[i] = new Tensor[names.size()];
            for (int j = 0; j < names.size(); j++) {
                newSlots[i][j] = slotFromState(state, i + "." + names.get(j), params.get(i));
                used++;
            }
        }
        if (used != state.tensors().size()) {
            List<String> unknown = new ArrayList<>(state.tensors().keySet());
            for (int i = 0; i < params.size(); i++) for (String n : names) unknown.remove(i + "." + n);
            throw new IllegalArgumentException("optimizer state: unexpected tensors " + unknown + " for " + getClass().getSimpleName());
        }
        setLr(newLr);
        initialLr = newInitialLr;
        System.arraycopy(newSteps, 0, steps, 0, steps.length);
        System.arraycopy(newSlots, 0, slots, 0, slots.length);
    }

    private static Tensor slotFromState(OptimizerState state, String key, Tensor param) {
        Tensor t = state.tensors().get(key);
        if (t == null) throw new IllegalArgumentException("optimizer state: missing tensor '" + key + "'");
        Shapes.require("optimizer state tensor '" + key + "'", t.shape(), param.shape());
        return t.copy();
    }

    private static String scalar(Map<String, String> scalars, String key) {
        String v = scalars.get(key);
        if (v == null) throw new IllegalArgumentException("optimizer state: missing scalar '" + key + "'");
        return v;
    }

    private static double parseDouble(Map<String, String> scalars, String key) {
        try {
            return Double.parseDouble(scalar(scalars, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("optimizer state: scalar '" + key + "' is not a number: " + scalars.get(key));
        }
    }

    private static long parseLong(Map<String, String> scalars, String key) {
        try {
            return Long.parseLong(scalar(scalars, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("optimizer state: scalar '" + key + "' is not an integer: " + scalars.get(key));
        }
    }

    /** Runs an element-wise body over {@code [0, n)}, in parallel for large tensors. */
    static void forEachChunk(int n, Parallel.RangeBody body) {
        Parallel.range(n, GRAIN, body);
    }

    static void requireNonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + " must be finite and >= 0, got " + v);
    }

    static void requireUnitInterval(String what, double v) {
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
    }
}
