package org.elman.nn.rnn;

import org.elman.autograd.GradMode;
import org.elman.autograd.Graph;
import org.elman.backend.cpu.LstmGateGradients;
import org.elman.backend.cpu.LstmKernels;
import org.elman.backend.cpu.LstmStepGemm;
import org.elman.tensor.Tensor;

/**
 * The fused LSTM (no peepholes) over a whole sequence as one autograd node. Forward: the input
 * projection of all T steps as one GEMM {@code (T*N, F) x (F, 4H)}, kept where the step GEMMs
 * read it (off-heap with OpenBLAS, {@link LstmStepGemm#projectInput}); per step one recurrent GEMM
 * {@code (N, H) x (H, 4H)} accumulated into that step's projection rows, read out gate-split, and
 * one pass of the vectorised step kernel (which also adds the bias) over all N*H units ({@link
 * LstmKernels}). Backward: hand-written BPTT (per step one kernel pass and one GEMM for dh_{t-1}),
 * the gate gradients of all steps held by {@link LstmGateGradients}, then one GEMM for dW_ih and
 * dW_hh together and one for dX over all steps; the bias gradient is summed during the BPTT.
 *
 * <p>Layout: the kernels work on step-sized arrays of N*H units that all start at offset 0 (and
 * stay in cache); with gradients each step is copied into a history of a few large arrays and
 * copied back for the backward pass. {@code reversed}: each sequence is read backwards
 * within its own length (the backward direction of a bidirectional layer) by picking rows of the
 * input projection, output and gradients in reverse order, instead of reversing copies of the
 * input and output. Padded steps ({@code t >= lengths[n]}) keep the state and pass no gradient.
 * Without gradients the output can go into a column block of a wider array ({@link #runInto}).
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

    private LstmFused(LstmParams p, int t, int n, int[] lens, boolean reversed, float[] y, int yOff, int yStride) {
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
    }

    /** Runs the layer; {@code x (T, N, F)} already validated, {@code lens} resolved, T > 0. */
    static RnnOutput run(LstmParams p, Tensor x, int[] lens, Tensor h0, Tensor c0, boolean reversed) {
        LstmFused f = new LstmFused(p, x.size(0), x.size(1), lens, reversed, null, 0, 0);
        f.forward(x, h0, c0);
        Tensor out = Tensor.of(f.y, f.t, f.n, f.hid);
        Tensor hT = Tensor.of(f.hs.clone(), f.n, f.hid);
        Tensor cT = Tensor.of(f.cs.clone(), f.n, f.hid);
        Tensor[] inputs = p.graphInputs(x, h0, c0);
        if (f.save) Graph.record("lstm_fused", inputs, new Tensor[] {out, hT, cT}, g -> f.backward(x, g));
        return new RnnOutput(out, new RnnState(hT, cT));
    }

    /**
     * Without gradients, runs the layer writing its output {@code (T, N, H)} into columns {@code
     * [col, col + H)} of {@code y (T, N, stride)} (padded steps are left untouched), e.g. one
     * direction's half of a bidirectional output; returns the final state.
     */
    static RnnState runInto(LstmParams p, Tensor x, int[] lens, Tensor h0, Tensor c0, boolean reversed,
                            float[] y, int col, int stride) {
        if (GradMode.isEnabled()) throw new IllegalStateException("LstmFused.runInto records no gradients: call it under GradMode.noGrad()");
        LstmFused f = new LstmFused(p, x.size(0), x.size(1), lens, reversed, y, col, stride);
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
        try (LstmStepGemm rec = new LstmStepGemm(wh.data(), wh.offset(), hid, n)) {
            rec.projectInput(t * n, x.data(), x.offset(), f, w.data(), w.offset());
            for (int s = 0; s < t; s++) step(rec, bias, s);
        }
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
    private void step(LstmStepGemm rec, float[][] bias, int s) {
        rec.projectedGates(n, hs, 0, rows, s * n, ai, af, ag, ao, 0);
        if (s < minLen) {
            LstmKernels.forward(0, nh, ai, af, ag, ao, bias, cs, cs, tcs, hs);
        } else {
            for (int b = 0; b < n; b++) {
                int r = b * hid;
                if (s < lens[b]) LstmKernels.forward(r, r + hid, ai, af, ag, ao, bias, cs, cs, tcs, hs);
            }
        }
        for (int b = 0; b < n; b++) {
            if (s < lens[b]) System.arraycopy(hs, b * hid, y, yOff + rows[s * n + b] * yStride, hid);
        }
        if (save) {
            float[][] now = {ai, af, ag, ao, tcs};
            for (int q = 0; q < 5; q++) System.arraycopy(now[q], 0, saved[q], s * nh, nh);
            System.arraycopy(cs, 0, savedC, (s + 1) * nh, nh);
            System.arraycopy(hs, 0, savedH, (s + 1) * nh, nh);
        }
    }

    /** The gradients in the order of the node's inputs: x, h0, c0, W_ih, W_hh, b_ih, b_hh. */
    private Tensor[] backward(Tensor x, Tensor[] g) {
        Bptt b = new Bptt(nh);
        if (g[1] != null) System.arraycopy(g[1].data(), g[1].offset(), b.dh, 0, nh);
        if (g[2] != null) System.arraycopy(g[2].data(), g[2].offset(), b.dc, 0, nh);
        if (g[0] != null) addLastOutputGradient(g[0], b.dh);
        Tensor wh = p.wHh();
        Tensor wi = p.wIh();
        int f = p.inputSize();
        Tensor[] grads = new Tensor[7];
        try (LstmStepGemm rec = new LstmStepGemm(wh.data(), wh.offset(), hid, n);
             LstmGateGradients held = new LstmGateGradients(t * n, f, hid)) {
            if (!reversed) held.putHidden(savedH, 0);
            for (int s = t - 1; s >= 0; s--) backStep(rec, held, s, b, g[0]);
            grads[3] = Tensor.zeros(4 * hid, f);
            grads[4] = Tensor.zeros(4 * hid, hid);
            held.weightGradients(x.data(), x.offset(), grads[3].data(), grads[4].data());
            if (x.requiresGrad()) {
                grads[0] = Tensor.zeros(t, n, f);
                held.inputGradient(wi.data(), wi.offset(), grads[0].data());
            }
        }
        grads[1] = Tensor.of(b.dh, n, hid);
        grads[2] = Tensor.of(b.dc, n, hid);
        grads[5] = Tensor.of(b.biasGradient(n, hid), 4 * hid);
        grads[6] = grads[5].copy();
        return grads;
    }

    /**
     * BPTT work: step-sized dh (and the next one, swapped each step), dc, the four gate gradients
     * and their sums over the steps so far (for the bias gradient).
     */
    private static final class Bptt {
        float[] dh;
        float[] dhNext;
        final float[] dc;
        final float[][] dGate;
        final float[][] sum;
        final float[] cPrev;

        Bptt(int step) {
            dh = new float[step];
            dhNext = new float[step];
            dc = new float[step];
            dGate = new float[4][step];
            sum = new float[4][step];
            cPrev = new float[step];
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

    /** Step s backwards: the kernel, the gate gradients into {@code held}, then dh of step s-1 (dc is updated in place). */
    private void backStep(LstmStepGemm rec, LstmGateGradients held, int s, Bptt w, Tensor dy) {
        float[][] now = {ai, af, ag, ao, tcs};
        for (int q = 0; q < 5; q++) System.arraycopy(saved[q], s * nh, now[q], 0, nh);
        System.arraycopy(savedC, s * nh, w.cPrev, 0, nh);
        float[][] d = w.dGate;
        if (s < minLen) {
            LstmKernels.backward(0, nh, ai, af, ag, ao, w.cPrev, tcs, w.dh, w.dc, d[0], d[1], d[2], d[3]);
            w.accumulate(0, nh);
        }
        for (int b = 0; b < n; b++) {
            int real = rows[s * n + b];
            if (s >= lens[b]) {
                held.zero(real);
                continue;
            }
            int r = b * hid;
            if (s >= minLen) {
                LstmKernels.backward(r, r + hid, ai, af, ag, ao, w.cPrev, tcs, w.dh, w.dc, d[0], d[1], d[2], d[3]);
                w.accumulate(r, r + hid);
            }
            held.put(real, d[0], d[1], d[2], d[3], r);
            if (reversed) held.putHidden(real, savedH, s * nh + r);
        }
        boolean withDy = dy != null && s > 0;
        rec.hiddenGradient(n, held, rows, s * n, withDy ? dy.data() : null, withDy ? dy.offset() : 0, rows, (s - 1) * n, w.dhNext, 0);
        if (s >= minLen) carryPadded(s, w.dh, w.dhNext);
        float[] swap = w.dh;
        w.dh = w.dhNext;
        w.dhNext = swap;
    }

    /** Rows padded at step s pass dh through: set (step s-1 padded too, or s = 0) or add to dy (s is the row's length). */
    private void carryPadded(int s, float[] dh, float[] dhPrev) {
        for (int b = 0; b < n; b++) {
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
