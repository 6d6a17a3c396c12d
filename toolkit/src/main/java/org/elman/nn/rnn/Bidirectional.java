package org.elman.nn.rnn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.elman.autograd.GradMode;
import org.elman.backend.cpu.Parallel;
import org.elman.nn.Module;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;

/**
 * Runs two recurrent layers over the same input, one forward in time and one backward, and
 * concatenates their outputs: {@code y_t = [y_fwd_t ; y_bwd_t]}, shape {@code (T, N, H_f + H_b)}.
 * The backward layer sees each sequence reversed within its own length, so it starts at the
 * sequence's own last valid step, not at the padded end; its outputs are reversed back before the
 * concatenation. The two directions run in parallel ({@link Parallel#all}), and when gradients
 * are recorded their backward passes do too (one node over both directions' sub-graphs, see
 * {@code BidirectionalGraph}; needs both directions to be modules with disjoint parameters,
 * otherwise the backward passes run one after the other). State: the forward
 * layer's parts then the backward layer's (the latter being the state after reading the sequence
 * back to its first step, as in PyTorch). Children are registered as {@code forward} and {@code
 * backward}.
 *
 * <pre>{@code
 * Recurrent bi = Bidirectional.of(Lstm.builder().setInputSize(80).setHiddenSize(128).build(),
 *                                 Lstm.builder().setInputSize(80).setHiddenSize(128).optSeed(1).build());
 * Tensor y = bi.forward(x, lengths, null).output();   // (T, N, 256)
 * }</pre>
 */
public final class Bidirectional extends Module implements Recurrent {
    private final Recurrent fwd;
    private final Recurrent bwd;
    private final boolean parallel;

    Bidirectional(Recurrent fwd, Recurrent bwd) {
        this(fwd, bwd, true);
    }

    private Bidirectional(Recurrent fwd, Recurrent bwd, boolean parallel) {
        if (fwd == null || bwd == null) throw new IllegalArgumentException("Bidirectional: both directions are required");
        if (fwd == bwd) throw new IllegalArgumentException("Bidirectional: the two directions must be distinct layers");
        this.fwd = fwd;
        this.bwd = bwd;
        this.parallel = parallel;
        if (fwd instanceof Module) child("forward", (Module) fwd);
        if (bwd instanceof Module) child("backward", (Module) bwd);
    }

    /** Both directions, run in parallel. */
    public static Bidirectional of(Recurrent forward, Recurrent backward) {
        return new Bidirectional(forward, backward, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        if (x.dim() != 3) throw new IllegalArgumentException("Bidirectional: input must be (T, N, F), got " + java.util.Arrays.toString(x.shape()));
        int n = x.size(1);
        int[] lens = Lengths.resolve(lengths, x.size(0), n);
        RnnState[] s0 = splitState(initial, n);
        if (parallel && GradMode.isEnabled() && disjointModules()) {
            List<Tensor> params = new ArrayList<>(((Module) fwd).parameters());
            params.addAll(((Module) bwd).parameters());
            return BidirectionalGraph.run(fwd, bwd, params, x, lens, s0[0], s0[1]);
        }
        boolean grad = GradMode.isEnabled();
        if (!grad && fwd instanceof Lstm && bwd instanceof Lstm && ((Lstm) fwd).writesInto() && ((Lstm) bwd).writesInto()) {
            return lstmsInto((Lstm) fwd, (Lstm) bwd, x, lens, s0);
        }
        RnnOutput[] res = new RnnOutput[2];
        Runnable a = () -> res[0] = inMode(grad, () -> fwd.forward(x, lens, s0[0]));
        Runnable b = () -> res[1] = inMode(grad, () -> reversed(bwd, x, lens, s0[1]));
        if (parallel) {
            Parallel.all(a, b);
        } else {
            a.run();
            b.run();
        }
        Tensor y = grad ? Reshape.concat(2, res[0].output(), res[1].output()) : Features.concat(res[0].output(), res[1].output());
        return new RnnOutput(y, RnnState.concat(res[0].state(), res[1].state()));
    }

    /** Two fused LSTMs without gradients: each direction writes its half of the output directly. */
    private RnnOutput lstmsInto(Lstm f, Lstm b, Tensor x, int[] lens, RnnState[] s0) {
        int hf = f.outputSize();
        int width = hf + b.outputSize();
        float[] y = new float[x.size(0) * x.size(1) * width];
        RnnState[] st = new RnnState[2];
        Runnable a = () -> st[0] = inMode(false, () -> f.forwardInto(x, lens, s0[0], false, y, 0, width));
        Runnable c = () -> st[1] = inMode(false, () -> b.forwardInto(x, lens, s0[1], true, y, hf, width));
        if (parallel) {
            Parallel.all(a, c);
        } else {
            a.run();
            c.run();
        }
        return new RnnOutput(Tensor.of(y, x.size(0), x.size(1), width), RnnState.concat(st[0], st[1]));
    }

    /**
     * {@code layer} run on each sequence reversed within its length, output in original time order:
     * an {@link Lstm} does it without copies ({@link Lstm#forwardReversed}), any other layer on
     * reversed copies.
     */
    static RnnOutput reversed(Recurrent layer, Tensor x, int[] lens, RnnState s0) {
        if (layer instanceof Lstm) return ((Lstm) layer).forwardReversed(x, lens, s0);
        RnnOutput o = layer.forward(Lengths.reverse(x, lens), lens, s0);
        return new RnnOutput(Lengths.reverse(o.output(), lens), o.state());
    }

    /** The initial states of the two directions (nulls when {@code initial} is null), validated. */
    private RnnState[] splitState(RnnState initial, int n) {
        if (initial == null) return new RnnState[2];
        int fParts = fwd.zeroState(n).size();
        int bParts = bwd.zeroState(n).size();
        if (initial.size() != fParts + bParts) {
            throw new IllegalArgumentException("Bidirectional: state has " + initial.size() + " parts, expected " + (fParts + bParts));
        }
        return new RnnState[] {initial.slice(0, fParts), initial.slice(fParts, bParts)};
    }

    /** Both directions are modules with no parameter in common (so their backward passes can overlap). */
    private boolean disjointModules() {
        if (!(fwd instanceof Module) || !(bwd instanceof Module)) return false;
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(((Module) fwd).parameters());
        for (Tensor p : ((Module) bwd).parameters()) if (seen.contains(p)) return false;
        return true;
    }

    private static <T> T inMode(boolean grad, java.util.function.Supplier<T> body) {
        try (GradMode.Scope s = grad ? GradMode.enableGrad() : GradMode.noGrad()) {
            return body.get();
        }
    }

    @Override
    public int outputSize() {
        return fwd.outputSize() + bwd.outputSize();
    }

    @Override
    public RnnState zeroState(int n) {
        return RnnState.concat(fwd.zeroState(n), bwd.zeroState(n));
    }

    /** Settings of a {@link Bidirectional}. */
    public static final class Builder {
        private Recurrent forward;
        private Recurrent backward;
        private boolean parallel = true;

        public Builder setForward(Recurrent layer) {
            this.forward = layer;
            return this;
        }

        public Builder setBackward(Recurrent layer) {
            this.backward = layer;
            return this;
        }

        /** Run the two directions on two threads (default true). */
        public Builder optParallel(boolean on) {
            this.parallel = on;
            return this;
        }

        public Bidirectional build() {
            return new Bidirectional(forward, backward, parallel);
        }
    }
}
