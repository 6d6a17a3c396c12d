package org.elman.nn.rnn;

import org.elman.autograd.Graph;
import org.elman.ops.Reshape;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * The masked time loop and the input checks shared by the Elman-family layers ({@link SimpleRnn},
 * {@link JordanNetwork}, {@link DeepTransitionRnn}, ...), plus the few one-node sequence ops they
 * need: {@link #unstack} (a {@code (T, ...)} tensor into T steps with one backward node instead of
 * T narrow copies), {@link #keepRows} (the padded-step state rule), {@link #maskSequence} and
 * {@link #reverse}. Shape legend: T frames, N batch, F features, H hidden.
 */
final class ElmanLoop {
    private ElmanLoop() {}

    /** One step of a recurrent cell: the new state parts and the step's output. */
    record Step(Tensor[] state, Tensor output) {}

    /** Computes step {@code t} from the state after step {@code t - 1}. */
    @FunctionalInterface
    interface Cell {
        Step step(int t, Tensor[] state);
    }

    /** Checks {@code x} is {@code (T, N, F)} with the expected F. */
    static void checkInput(String layer, Tensor x, int inputSize) {
        if (x.dim() != 3) {
            throw new IllegalArgumentException(layer + ": input must be (T, N, F), got shape " + Shapes.str(x.shape()));
        }
        if (x.size(2) != inputSize) {
            throw new IllegalArgumentException(layer + ": input has F = " + x.size(2) + " features, layer expects " + inputSize);
        }
    }

    /**
     * Validates {@code lengths} for a batch of {@code n} sequences of at most {@code t} steps.
     * Returns a copy, or null when there are none or all equal {@code t} (no masking needed).
     */
    static int[] checkLengths(String layer, int[] lengths, int t, int n) {
        if (lengths == null) return null;
        if (lengths.length != n) {
            throw new IllegalArgumentException(layer + ": " + lengths.length + " lengths for a batch of N = " + n);
        }
        boolean full = true;
        for (int i = 0; i < n; i++) {
            if (lengths[i] < 0) throw new IllegalArgumentException(layer + ": lengths[" + i + "] = " + lengths[i] + " is negative");
            if (lengths[i] > t) throw new IllegalArgumentException(layer + ": lengths[" + i + "] = " + lengths[i] + " exceeds T = " + t);
            full &= lengths[i] == t;
        }
        return full ? null : lengths.clone();
    }

    /** The initial state's parts, checked against {@code (N, sizes[i])}; zeros when null. */
    static Tensor[] initialState(String layer, RnnState initial, int n, int... sizes) {
        Tensor[] parts = new Tensor[sizes.length];
        if (initial == null) {
            for (int i = 0; i < sizes.length; i++) parts[i] = Tensor.zeros(n, sizes[i]);
            return parts;
        }
        if (initial.size() != sizes.length) {
            throw new IllegalArgumentException(layer + ": initial state has " + initial.size() + " parts, expected " + sizes.length);
        }
        for (int i = 0; i < sizes.length; i++) {
            parts[i] = initial.part(i);
            Shapes.require(layer + " initial state part " + i, parts[i].shape(), n, sizes[i]);
        }
        return parts;
    }

    /**
     * Runs {@code cell} over {@code t} steps. Where {@code lengths} is given, rows past their
     * sequence's end keep the previous state and output zeros, so they receive no gradient and the
     * final state is each sequence's state at its own last valid step. A step where no row is valid
     * is not computed at all.
     */
    static RnnOutput run(int t, int n, int[] lengths, Tensor[] state, int outputSize, Cell cell) {
        Tensor[] outputs = new Tensor[t];
        Tensor[] current = state.clone();
        for (int step = 0; step < t; step++) {
            boolean[] valid = validRows(lengths, step, n);
            if (valid != null && none(valid)) {
                outputs[step] = Tensor.zeros(n, outputSize);
                continue;
            }
            Step s = cell.step(step, current);
            if (valid == null) {
                current = s.state().clone();
                outputs[step] = s.output();
            } else {
                for (int i = 0; i < current.length; i++) current[i] = keepRows(valid, s.state()[i], current[i]);
                outputs[step] = keepRows(valid, s.output(), null);
            }
        }
        Tensor out = t == 0 ? Tensor.zeros(0, n, outputSize) : Reshape.stack(0, outputs);
        return new RnnOutput(out, new RnnState(current));
    }

    /** Which rows are inside their sequence at step t; null means all of them. */
    static boolean[] validRows(int[] lengths, int t, int n) {
        if (lengths == null) return null;
        boolean[] valid = new boolean[n];
        boolean all = true;
        for (int i = 0; i < n; i++) {
            valid[i] = t < lengths[i];
            all &= valid[i];
        }
        return all ? null : valid;
    }

    private static boolean none(boolean[] valid) {
        for (boolean v : valid) if (v) return false;
        return true;
    }

    /** Splits {@code seq (T, ...)} into its T slices {@code (...)}, recorded as one node. */
    static Tensor[] unstack(Tensor seq) {
        int t = seq.size(0);
        int[] shape = seq.shape();
        int[] rowShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        int len = Shapes.numel(rowShape);
        Tensor[] outs = new Tensor[t];
        for (int i = 0; i < t; i++) outs[i] = Tensor.wrap(seq.data(), seq.offset() + i * len, rowShape);
        if (t == 0) return outs;
        Graph.record("unstack", new Tensor[] {seq}, outs, g -> {
            Tensor gs = Tensor.zeros(shape);
            for (int i = 0; i < t; i++) {
                if (g[i] != null) System.arraycopy(g[i].data(), g[i].offset(), gs.data(), i * len, len);
            }
            return new Tensor[] {gs};
        });
        return outs;
    }

    /**
     * Row n of the result is row n of {@code fresh} where {@code valid[n]}, else row n of {@code
     * old} (zeros when {@code old} is null); the gradient follows the row to where it came from.
     */
    static Tensor keepRows(boolean[] valid, Tensor fresh, Tensor old) {
        if (old != null) Shapes.require("kept state", old.shape(), fresh.shape());
        int n = fresh.size(0);
        int w = fresh.numel() / Math.max(1, n);
        Tensor out = Tensor.zeros(fresh.shape());
        for (int i = 0; i < n; i++) {
            Tensor src = valid[i] ? fresh : old;
            if (src != null) System.arraycopy(src.data(), src.offset() + i * w, out.data(), i * w, w);
        }
        Tensor[] inputs = old == null ? new Tensor[] {fresh} : new Tensor[] {fresh, old};
        Graph.record("keep_rows", inputs, new Tensor[] {out}, g -> {
            Tensor gf = Tensor.zeros(fresh.shape());
            Tensor go = Tensor.zeros(fresh.shape());
            for (int i = 0; i < n; i++) {
                Tensor dst = valid[i] ? gf : go;
                System.arraycopy(g[0].data(), g[0].offset() + i * w, dst.data(), i * w, w);
            }
            return old == null ? new Tensor[] {gf} : new Tensor[] {gf, go};
        });
        return out;
    }

    /** Zeros the padded steps {@code t >= lengths[n]} of {@code seq (T, N, ...)}; null lengths: as is. */
    static Tensor maskSequence(Tensor seq, int[] lengths) {
        if (lengths == null) return seq;
        Tensor out = maskCopy(seq, lengths);
        return Graph.record1("mask_sequence", out, g -> new Tensor[] {maskCopy(g[0], lengths)}, seq);
    }

    private static Tensor maskCopy(Tensor seq, int[] lengths) {
        int t = seq.size(0);
        int n = seq.size(1);
        int w = seq.numel() / Math.max(1, t * n);
        Tensor out = Tensor.zeros(seq.shape());
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < n; i++) {
                if (s < lengths[i]) System.arraycopy(seq.data(), seq.offset() + (s * n + i) * w, out.data(), (s * n + i) * w, w);
            }
        }
        return out;
    }

    /**
     * Reverses each sequence of {@code seq (T, N, ...)} within its own length: {@code out[t, n] =
     * seq[len_n - 1 - t, n]} for {@code t < len_n}; padded steps stay where they are. Its own inverse.
     */
    static Tensor reverse(Tensor seq, int[] lengths) {
        Tensor out = reverseCopy(seq, lengths);
        return Graph.record1("reverse_sequence", out, g -> new Tensor[] {reverseCopy(g[0], lengths)}, seq);
    }

    private static Tensor reverseCopy(Tensor seq, int[] lengths) {
        int t = seq.size(0);
        int n = seq.size(1);
        int w = seq.numel() / Math.max(1, t * n);
        Tensor out = Tensor.zeros(seq.shape());
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < n; i++) {
                int len = lengths == null ? t : lengths[i];
                int from = s < len ? len - 1 - s : s;
                System.arraycopy(seq.data(), seq.offset() + (from * n + i) * w, out.data(), (s * n + i) * w, w);
            }
        }
        return out;
    }
}
