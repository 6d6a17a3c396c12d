package org.elman.nn.rnn;

import org.elman.autograd.GradMode;
import org.elman.autograd.Graph;
import org.elman.backend.cpu.LstmGateGradients;
import org.elman.backend.cpu.LstmJointGemm;
import org.elman.backend.cpu.LstmKernels;
import org.elman.backend.cpu.LstmStepGates;
import org.elman.backend.cpu.LstmStepGemm;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.elman.tensor.Tensor;

/**
 * The fused LSTM (no peepholes) over a whole sequence as one autograd node. Forward, per step, the
 * gate pre-activations come from one of two products, then one pass of the vectorised step kernel
 * (which also adds the bias) runs over all N*H units ({@link LstmKernels}):
 *
 * <ul>
 *   <li>joined ({@link LstmJointGemm}, when {@link LstmJointGemm#applies}: OpenBLAS, small weights,
 *       8 rows or more): one GEMM {@code [x_t, h_(t-1)] (N, F+H) x [W_ih, W_hh]^T (F+H, 4H)};
 *   <li>otherwise the input projection of all T steps first, as one GEMM {@code (T*N, F) x (F, 4H)}
 *       kept where the step GEMMs read it (off-heap with OpenBLAS, {@link
 *       LstmStepGemm#projectInput}), and per step one recurrent GEMM {@code (N, H) x (H, 4H)}
 *       accumulated into that step's projection rows.
 * </ul>
 *
 * Backward: hand-written BPTT (per step one kernel pass and one GEMM for dh_{t-1}), the gate
 * gradients of all steps held by {@link LstmGateGradients}, then one GEMM for dW_ih and dW_hh
 * together and one for dX over all steps; the bias gradient is summed during the BPTT.
 *
 * <p>Layout: the kernels work on step-sized arrays of N*H units that all start at offset 0 (and
 * stay in cache); with gradients each step is copied into a history of a few large arrays and
 * copied back for the backward pass. {@code reversed}: each sequence is read backwards within its
 * own length (the backward direction of a bidirectional layer) by picking rows of the input,
 * output and gradients in reverse order (the row map {@code rows}), instead of reversing copies
 * of the input and output; an input projection is made with its rows in that order, so that the
 * steps read it forwards. Padded steps ({@code t >= lengths[n]}) keep the state and pass no gradient. Without
 * gradients the output can go into a column block of a wider array ({@link #runInto}).
 *
 * <p>With spare cores the step loops, forward and backward, run on parts of the batch in parallel
 * ({@link BatchParts}): each part a contiguous block of rows with its own step buffers (reading
 * the shared weights and projection), writing only its own rows of the step arrays, the history
 * and the gate gradients. The whole-sequence products stay single GEMMs (split over the cores by
 * rows).
 */
final class LstmFused {
    private final LstmParams p;
    private final int t;
    private final int n;
    private final int hid;
    private final int nh;
    private final int[] lens;
    private final int minLen;
    private final boolean reversed;
    private final boolean save;
    /** rows[s*n + b]: the real (T, N) row that virtual step s of sequence b reads and writes. */
    private final int[] rows;
    /** The output: row r of {@code (T, N, H)} at {@code y[yOff + r * yStride]} (its own array, or a column block of a wider one). */
    private final float[] y;
    private final int yOff;
    private final int yStride;
    // the current step (N*H each; updated in place, so padded rows keep their state)
    private final float[] ai;
    private final float[] af;
    private final float[] ag;
    private final float[] ao;
    private final float[] cs;
    private final float[] tcs;
    private final float[] hs;
    // with gradients, the history: step s at s*N*H (c and h: c_s, h_s for s = 0..T); null otherwise
    private final float[][] saved;
    private final float[] savedC;
    private final float[] savedH;
    /** How many parts of the batch the step loops run on in parallel (1: on this thread alone). */
    private final int parts;
    /** The gates of each step from its input directly ({@link LstmJointGemm}), not from an input projection made first. */
    private final boolean joint;

    private LstmFused(LstmParams p, int t, int n, int[] lens, boolean reversed, float[] y, int yOff, int yStride, int parts,
                      boolean joint) {
        this.p = p;
        this.t = t;
        this.n = n;
        this.hid = p.hiddenSize();
        this.nh = n * hid;
        this.lens = lens;
        this.reversed = reversed;
        this.save = GradMode.isEnabled();
        int min = t;
        for (int len : lens) min = Math.min(min, len);
        this.minLen = min;
        if (reversed) {
            rows = Lengths.reverseIndex(lens, t);
        } else {
            rows = new int[t * n];
            for (int r = 0; r < rows.length; r++) rows[r] = r;
        }
        this.y = y != null ? y : new float[t * nh];
        this.yOff = y != null ? yOff : 0;
        this.yStride = y != null ? yStride : hid;
        ai = new float[nh];
        af = new float[nh];
        ag = new float[nh];
        ao = new float[nh];
        cs = new float[nh];
        tcs = new float[nh];
        hs = new float[nh];
        saved = save ? new float[5][t * nh] : null;
        savedC = save ? new float[(t + 1) * nh] : null;
        savedH = save ? new float[(t + 1) * nh] : null;
        BatchParts.check("LstmFused", parts, n);
        this.parts = parts;
        this.joint = joint && RnnKernelsGemm.offHeap();
    }

    /** Runs the layer; {@code x (T, N, F)} already validated, {@code lens} resolved, T > 0. */
    static RnnOutput run(LstmParams p, Tensor x, int[] lens, Tensor h0, Tensor c0, boolean reversed) {
        return run(p, x, lens, h0, c0, reversed, BatchParts.count(x.size(0), x.size(1), 4, p.hiddenSize()));
    }

    /** As above with the step loops on {@code parts} parts of the batch (1 to N). */
    static RnnOutput run(LstmParams p, Tensor x, int[] lens, Tensor h0, Tensor c0, boolean reversed, int parts) {
        return run(p, x, lens, h0, c0, reversed, parts, jointApplies(p, x.size(1), parts));
    }

    /**
     * As above, the gates made from each step's input ({@code joint}, with OpenBLAS only) or from
     * an input projection of all steps made first; the layer picks by {@link LstmJointGemm#applies}.
     */
    static RnnOutput run(LstmParams p, Tensor x, int[] lens, Tensor h0, Tensor c0, boolean reversed, int parts, boolean joint) {
        LstmFused f = new LstmFused(p, x.size(0), x.size(1), lens, reversed, null, 0, 0, parts, joint);
        f.forward(x, h0, c0);
        Tensor out = Tensor.of(f.y, f.t, f.n, f.hid);
        Tensor hT = Tensor.of(f.hs.clone(), f.n, f.hid);
        Tensor cT = Tensor.of(f.cs.clone(), f.n, f.hid);
        Tensor[] inputs = p.graphInputs(x, h0, c0);
        if (f.save) Graph.record("lstm_fused", inputs, new Tensor[] {out, hT, cT}, g -> f.backward(x, g));
        return new RnnOutput(out, new RnnState(hT, cT));
    }

    /** Whether the layer makes its gates from each step's input: {@link LstmJointGemm#applies} for the smallest part's rows. */
    private static boolean jointApplies(LstmParams p, int n, int parts) {
        return LstmJointGemm.applies(p.inputSize(), p.hiddenSize(), n / Math.max(1, parts));
    }

    /**
     * Without gradients, runs the layer writing its output {@code (T, N, H)} into columns {@code
     * [col, col + H)} of {@code y (T, N, stride)} (padded steps are left untouched), e.g. one
     * direction's half of a bidirectional output; returns the final state.
     */
    static RnnState runInto(LstmParams p, Tensor x, int[] lens, Tensor h0, Tensor c0, boolean reversed,
                            float[] y, int col, int stride) {
        if (GradMode.isEnabled()) throw new IllegalStateException("LstmFused.runInto records no gradients: call it under GradMode.noGrad()");
        int parts = BatchParts.count(x.size(0), x.size(1), 4, p.hiddenSize());
        LstmFused f = new LstmFused(p, x.size(0), x.size(1), lens, reversed, y, col, stride, parts,
                jointApplies(p, x.size(1), parts));
        f.forward(x, h0, c0);
        return new RnnState(Tensor.of(f.hs.clone(), f.n, f.hid), Tensor.of(f.cs.clone(), f.n, f.hid));
    }

    private void forward(Tensor x, Tensor h0, Tensor c0) {
        int f = p.inputSize();
        Tensor w = p.wIh();
        System.arraycopy(h0.data(), h0.offset(), hs, 0, nh);
        System.arraycopy(c0.data(), c0.offset(), cs, 0, nh);
        if (save) {
            System.arraycopy(hs, 0, savedH, 0, nh);
            System.arraycopy(cs, 0, savedC, 0, nh);
        }
        Tensor wh = p.wHh();
        float[][] bias = expandedBias();
        if (joint) {
            try (LstmJointGemm joined = new LstmJointGemm(w.data(), w.offset(), wh.data(), wh.offset(), f, hid, n,
                    x.data(), x.offset(), rows)) {
                steps(joined, maxRows -> new LstmJointGemm(joined, maxRows), bias);
            }
            return;
        }
        try (LstmStepGemm rec = new LstmStepGemm(wh.data(), wh.offset(), hid, n)) {
            rec.projectInput(t * n, x.data(), x.offset(), f, w.data(), w.offset(), reversed ? rows : null);
            steps(rec, maxRows -> new LstmStepGemm(rec, maxRows), bias);
        }
    }

    /** The step loop over all T steps, on the parts of the batch. */
    private <R extends LstmStepGates> void steps(R whole, java.util.function.IntFunction<R> part, float[][] bias) {
        BatchParts.run(n, parts, whole, part, (b0, b1, mine) -> {
            for (int s = 0; s < t; s++) step(mine, bias, s, b0, b1);
        });
    }

    /** {@code b_ih + b_hh} as four gate arrays of N*H (each unit's bias repeated per row), indexed like the gates. */
    private float[][] expandedBias() {
        float[] bIh = p.bIh().toArray();
        float[] bHh = p.bHh().toArray();
        float[][] bias = new float[4][nh];
        for (int q = 0; q < 4; q++) {
            for (int j = 0; j < hid; j++) bias[q][j] = bIh[q * hid + j] + bHh[q * hid + j];
            for (int b = 1; b < n; b++) System.arraycopy(bias[q], 0, bias[q], b * hid, hid);
        }
        return bias;
    }

    /**
     * Step s: gates from the GEMM, the kernel on the valid rows (padded rows keep their state),
     * outputs, and with gradients a copy into the history. The history is a few large arrays, not
     * one array per step: per-step arrays kept alive until backward made the collector copy them
     * (measured about 30 ms of pauses per forward+backward of the 3-layer BiLSTM 256).
     */
    private void step(LstmStepGates rec, float[][] bias, int s, int b0, int b1) {
        int lo = b0 * hid;
        int len = (b1 - b0) * hid;
        rec.stepGates(b1 - b0, hs, lo, s * n + b0, ai, af, ag, ao, lo);
        if (s < minLen) {
            LstmKernels.forward(lo, lo + len, ai, af, ag, ao, bias, cs, cs, tcs, hs);
        } else {
            for (int b = b0; b < b1; b++) {
                int r = b * hid;
                if (s < lens[b]) LstmKernels.forward(r, r + hid, ai, af, ag, ao, bias, cs, cs, tcs, hs);
            }
        }
        for (int b = b0; b < b1; b++) {
            if (s < lens[b]) System.arraycopy(hs, b * hid, y, yOff + rows[s * n + b] * yStride, hid);
        }
        if (save) {
            float[][] now = {ai, af, ag, ao, tcs};
            for (int q = 0; q < 5; q++) System.arraycopy(now[q], lo, saved[q], s * nh + lo, len);
            System.arraycopy(cs, lo, savedC, (s + 1) * nh + lo, len);
            System.arraycopy(hs, lo, savedH, (s + 1) * nh + lo, len);
        }
    }

    /** The gradients in the order of the node's inputs: x, h0, c0, W_ih, W_hh, b_ih, b_hh. */
    private Tensor[] backward(Tensor x, Tensor[] g) {
        Bptt b = new Bptt(nh, t);
        float[] dhLast = b.dh(t - 1);
        if (g[1] != null) System.arraycopy(g[1].data(), g[1].offset(), dhLast, 0, nh);
        if (g[2] != null) System.arraycopy(g[2].data(), g[2].offset(), b.dc, 0, nh);
        if (g[0] != null) addLastOutputGradient(g[0], dhLast);
        Tensor wh = p.wHh();
        Tensor wi = p.wIh();
        int f = p.inputSize();
        Tensor[] grads = new Tensor[7];
        try (LstmStepGemm rec = new LstmStepGemm(wh.data(), wh.offset(), hid, n);
             LstmGateGradients held = new LstmGateGradients(t * n, f, hid)) {
            if (!reversed) held.putHidden(savedH, 0);
            BatchParts.run(n, parts, rec, maxRows -> new LstmStepGemm(rec, maxRows), (b0, b1, part) -> {
                for (int s = t - 1; s >= 0; s--) backStep(part, held, s, b, g[0], b0, b1);
            });
            grads[3] = Tensor.zeros(4 * hid, f);
            grads[4] = Tensor.zeros(4 * hid, hid);
            held.weightGradients(x.data(), x.offset(), grads[3].data(), grads[4].data());
            if (x.requiresGrad()) {
                grads[0] = Tensor.zeros(t, n, f);
                held.inputGradient(wi.data(), wi.offset(), grads[0].data());
            }
        }
        grads[1] = Tensor.of(b.dh(-1), n, hid);
        grads[2] = Tensor.of(b.dc, n, hid);
        grads[5] = Tensor.of(b.biasGradient(n, hid), 4 * hid);
        grads[6] = grads[5].copy();
        return grads;
    }

    /**
     * BPTT work: step-sized dh (two arrays, used by turns: the one step s reads is the one step
     * s + 1 wrote), dc, the four gate gradients and their sums over the steps so far (for the bias
     * gradient). Parts of the batch use disjoint rows of each.
     */
    private static final class Bptt {
        private final float[] dhEven;
        private final float[] dhOdd;
        private final int t;
        final float[] dc;
        final float[][] dGate;
        final float[][] sum;
        final float[] cPrev;

        Bptt(int step, int t) {
            this.t = t;
            dhEven = new float[step];
            dhOdd = new float[step];
            dc = new float[step];
            dGate = new float[4][step];
            sum = new float[4][step];
            cPrev = new float[step];
        }

        /** dh reaching step s's output (s = -1: the gradient of h0). */
        float[] dh(int s) {
            return (t - 1 - s) % 2 == 0 ? dhEven : dhOdd;
        }

        /** Adds the gate gradients of units {@code [from, to)} to the sums. */
        void accumulate(int from, int to) {
            for (int q = 0; q < 4; q++) {
                float[] d = dGate[q];
                float[] acc = sum[q];
                for (int k = from; k < to; k++) acc[k] += d[k];
            }
        }

        /** The bias gradient {@code (4H)}: the sums over the n rows. */
        float[] biasGradient(int n, int hid) {
            float[] db = new float[4 * hid];
            for (int q = 0; q < 4; q++) {
                for (int b = 0; b < n; b++) {
                    for (int j = 0; j < hid; j++) db[q * hid + j] += sum[q][b * hid + j];
                }
            }
            return db;
        }
    }

    /** Adds dy of the last step to dh, for the rows still valid there. */
    private void addLastOutputGradient(Tensor dy, float[] dh) {
        float[] d = dy.data();
        int s = t - 1;
        for (int b = 0; b < n; b++) {
            if (s >= lens[b]) continue;
            int from = dy.offset() + rows[s * n + b] * hid;
            int to = b * hid;
            for (int j = 0; j < hid; j++) dh[to + j] += d[from + j];
        }
    }

    /**
     * Step s backwards for rows {@code [b0, b1)}: the kernel, the gate gradients into {@code held},
     * then dh of step s-1 (dc is updated in place).
     */
    private void backStep(LstmStepGemm rec, LstmGateGradients held, int s, Bptt w, Tensor dy, int b0, int b1) {
        int lo = b0 * hid;
        int len = (b1 - b0) * hid;
        float[][] now = {ai, af, ag, ao, tcs};
        for (int q = 0; q < 5; q++) System.arraycopy(saved[q], s * nh + lo, now[q], lo, len);
        System.arraycopy(savedC, s * nh + lo, w.cPrev, lo, len);
        float[][] d = w.dGate;
        float[] dh = w.dh(s);
        float[] dhPrev = w.dh(s - 1);
        if (s < minLen) {
            LstmKernels.backward(lo, lo + len, ai, af, ag, ao, w.cPrev, tcs, dh, w.dc, d[0], d[1], d[2], d[3]);
            w.accumulate(lo, lo + len);
        }
        for (int b = b0; b < b1; b++) {
            int real = rows[s * n + b];
            if (s >= lens[b]) {
                held.zero(real);
                continue;
            }
            int r = b * hid;
            if (s >= minLen) {
                LstmKernels.backward(r, r + hid, ai, af, ag, ao, w.cPrev, tcs, dh, w.dc, d[0], d[1], d[2], d[3]);
                w.accumulate(r, r + hid);
            }
            held.put(real, d[0], d[1], d[2], d[3], r);
            if (reversed) held.putHidden(real, savedH, s * nh + r);
        }
        boolean withDy = dy != null && s > 0;
        rec.hiddenGradient(b1 - b0, held, rows, s * n + b0, withDy ? dy.data() : null, withDy ? dy.offset() : 0,
                rows, (s - 1) * n + b0, dhPrev, lo);
        if (s >= minLen) carryPadded(s, dh, dhPrev, b0, b1);
    }

    /** Rows {@code [b0, b1)} padded at step s pass dh through: set (step s-1 padded too, or s = 0) or add to dy (s is the row's length). */
    private void carryPadded(int s, float[] dh, float[] dhPrev, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            if (s < lens[b]) continue;
            int r = b * hid;
            if (s >= 1 && lens[b] == s) {
                for (int j = 0; j < hid; j++) dhPrev[r + j] += dh[r + j];
            } else {
                System.arraycopy(dh, r, dhPrev, r, hid);
            }
        }
    }
}
