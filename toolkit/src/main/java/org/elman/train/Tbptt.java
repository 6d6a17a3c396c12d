package org.elman.train;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.elman.nn.rnn.RnnState;
import org.elman.ops.Reshape;
import org.elman.optim.Optimizer;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Truncated back-propagation through time, TBPTT(k1, k2) of Williams &amp; Peng (1990): over a long
 * sequence {@code x (T, N, F)}, every {@code k1} steps the losses of those last {@code k1} steps are
 * back-propagated through at most {@code k2 >= k1} steps, and the parameters are updated.
 *
 * <p>Concretely the sequence is cut into segments {@code [a, b)} of {@code k1} steps (the last may
 * be shorter). For each segment the step function is run from the carried, detached state at
 * {@code w = max(0, a - (k2 - k1))} over {@code [w, b)} (split into at most three calls at {@code
 * w}, the next segment's start point and {@code a}); only the losses of the calls inside {@code
 * [a, b)} are summed and back-propagated, so the loss at step {@code t} reaches back {@code t - w +
 * 1 <= k2} steps and never past {@code w}; then {@code update} runs (clip, optimiser step, zero
 * gradients). The state at the next segment's window start is detached and carried.
 *
 * <p>{@code k1 == k2} (the common case, "detach every k steps") gives back-to-back chunks with no
 * recomputation; {@code k1 = k2 = T} is full BPTT. With {@code k2 > k1} the overlap {@code [w, a)}
 * is recomputed with the current parameters (Williams &amp; Peng reuse activations computed with
 * the parameters of the time), which costs {@code k2 - k1} extra steps per segment. Because a
 * window may be split across calls, the step function's loss must be a sum over its steps (a
 * per-step mean would weight sub-chunks differently).
 *
 * <pre>{@code
 * Tbptt tbptt = Tbptt.builder().setK1(50).build();
 * Tbptt.Result r = tbptt.run(x, null, (chunk, s) -> {
 *     RnnOutput out = rnn.forward(chunk, null, s);
 *     return new Tbptt.StepResult(lossOf(out.output()), out.state());
 * }, Tbptt.optimizerStep(opt));
 * }</pre>
 */
public final class Tbptt {
    /** Runs the model over a chunk {@code (L, N, F)} from a state (null: the layer's zero state). */
    @FunctionalInterface
    public interface ChunkStep {
        StepResult apply(Tensor chunk, RnnState initial);
    }

    /** The summed loss of a chunk's steps (a scalar) and the state after its last step. */
    public record StepResult(Tensor loss, RnnState finalState) {}

    /** Called after each segment's backward pass, with gradients in place. */
    @FunctionalInterface
    public interface Update {
        void afterBackward(Segment segment, Tensor loss);
    }

    /** A segment: losses of steps {@code [lossStart, end)}, back-propagated to {@code windowStart}. */
    public record Segment(int index, int windowStart, int lossStart, int end) {}

    /** Per-segment loss values and the detached state after the last step. */
    public record Result(float[] losses, RnnState finalState) {}

    private final int k1;
    private final int k2;

    private Tbptt(int k1, int k2) {
        this.k1 = k1;
        this.k2 = k2;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The standard update: optimiser step, then zero gradients. */
    public static Update optimizerStep(Optimizer optimizer) {
        return (segment, loss) -> {
            optimizer.step();
            optimizer.zeroGrad();
        };
    }

    /** The segments of a sequence of {@code T} steps, in order. */
    public List<Segment> segments(int steps) {
        List<Segment> out = new ArrayList<>();
        for (int a = 0; a < steps; a += k1) {
            out.add(new Segment(out.size(), Math.max(0, a - (k2 - k1)), a, Math.min(a + k1, steps)));
        }
        return out;
    }

    /** Runs TBPTT over {@code x (T, N, F)} from {@code initial} (null for the layer's zeros). */
    public Result run(Tensor x, RnnState initial, ChunkStep step, Update update) {
        if (x.dim() != 3) throw new IllegalArgumentException("TBPTT input must be (T, N, F), got " + Shapes.str(x.shape()));
        List<Segment> segs = segments(x.size(0));
        float[] losses = new float[segs.size()];
        RnnState carried = initial;
        RnnState last = null;
        for (Segment seg : segs) {
            int nextWindow = seg.index() + 1 < segs.size() ? segs.get(seg.index() + 1).windowStart() : seg.end();
            RnnState nextCarried = nextWindow == seg.windowStart() ? carried : null;
            TreeSet<Integer> cuts = new TreeSet<>(List.of(seg.windowStart(), nextWindow, seg.lossStart(), seg.end()));
            RnnState s = carried;
            Tensor loss = null;
            Integer c0 = cuts.first();
            for (Integer c1 = cuts.higher(c0); c1 != null; c0 = c1, c1 = cuts.higher(c1)) {
                StepResult r = step.apply(chunk(x, c0, c1 - c0), s);
                s = r.finalState();
                if (c0 >= seg.lossStart()) loss = loss == null ? checkLoss(r.loss(), seg) : loss.add(checkLoss(r.loss(), seg));
                if (c1 == nextWindow) nextCarried = s == null ? null : s.detach();
            }
            if (!loss.requiresGrad()) throw new IllegalStateException("TBPTT segment " + seg + ": loss does not depend on any parameter");
            loss.backward();
            update.afterBackward(seg, loss);
            losses[seg.index()] = loss.item();
            carried = nextCarried;
            last = s;
        }
        return new Result(losses, last == null ? null : last.detach());
    }

    private static Tensor checkLoss(Tensor loss, Segment seg) {
        if (loss == null || loss.numel() != 1) {
            throw new IllegalStateException("TBPTT segment " + seg + ": step function must return a scalar loss, got " + loss);
        }
        return loss;
    }

    private static Tensor chunk(Tensor x, int start, int length) {
        return x.requiresGrad() ? Reshape.narrow(x, 0, start, length) : x.rows(start, length);
    }

    /** TBPTT settings: {@code k1} (steps between updates) is required; {@code k2} defaults to k1. */
    public static final class Builder {
        private int k1;
        private int k2 = -1;

        /** Steps between parameter updates (the segment length). */
        public Builder setK1(int k1) {
            this.k1 = k1;
            return this;
        }

        /** Maximum back-propagation depth, at least k1 (default k1). */
        public Builder optK2(int k2) {
            this.k2 = k2;
            return this;
        }

        public Tbptt build() {
            if (k1 <= 0) throw new IllegalArgumentException("TBPTT k1 must be > 0, got " + k1);
            int depth = k2 < 0 ? k1 : k2;
            if (depth < k1) throw new IllegalArgumentException("TBPTT k2 (" + depth + ") must be >= k1 (" + k1 + ")");
            return new Tbptt(k1, depth);
        }
    }
}
