package org.elman.nn.rnn;

import java.util.Arrays;
import org.elman.autograd.Graph;
import org.elman.backend.Backends;
import org.elman.backend.cpu.RnnKernels;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.elman.tensor.Tensor;

/**
 * The fused LSTM with peepholes, over a whole sequence as one autograd node, on the row layout
 * ({@code [i, f, g, o]} per batch row) and the row kernels of {@code RnnKernels}. Without peepholes
 * {@link LstmFused} (gate-split layout, vectorised step kernels) is used instead. Forward: the input projection of all
 * T steps as one GEMM {@code (T*N, F) x (F, 4H)} with both biases, then per step one recurrent
 * GEMM {@code (N, H) x (H, 4H)} with the weights staged once, and one fused gate kernel per row.
 * Backward: hand-written BPTT through the saved gates (per step one gate-backward kernel and one
 * GEMM for dh_{t-1}), then one GEMM each for dX, dW_ih and dW_hh over all steps. With spare
 * cores the step loops run on parts of the batch in parallel ({@link BatchParts}); each part sums
 * its own peephole gradient, added up after the loop.
 */
final class LstmFusedRows {
    private final LstmParams p;
    private final int t;
    private final int n;
    private final int hid;
    private final int[] lens;
    private final float[] gates; // (T, N, 4H) activations i, f, g, o
    private final float[] hs; // (T+1, N, H), hs[0] = h0
    private final float[] cs; // (T+1, N, H), cs[0] = c0
    private final float[] tcs; // (T, N, H) tanh(c_t)
    private final int parts;

    private LstmFusedRows(LstmParams p, int t, int n, int[] lens, int parts) {
        BatchParts.check("LstmFusedRows", parts, n);
        this.parts = parts;
        this.p = p;
        this.t = t;
        this.n = n;
        this.hid = p.hiddenSize();
        this.lens = lens;
        gates = new float[t * n * 4 * hid];
        hs = new float[(t + 1) * n * hid];
        cs = new float[(t + 1) * n * hid];
        tcs = new float[t * n * hid];
    }

    /** Runs the layer; {@code x (T, N, F)} already validated, {@code lens} resolved. */
    static RnnOutput run(LstmParams p, Tensor x, int[] lens, Tensor h0, Tensor c0) {
        return run(p, x, lens, h0, c0, BatchParts.count(x.size(0), x.size(1), 4, p.hiddenSize()));
    }

    /** As above with the step loops on {@code parts} parts of the batch (1 to N). */
    static RnnOutput run(LstmParams p, Tensor x, int[] lens, Tensor h0, Tensor c0, int parts) {
        LstmFusedRows f = new LstmFusedRows(p, x.size(0), x.size(1), lens, parts);
        float[] y = f.forward(x, h0, c0);
        int nh = f.n * f.hid;
        Tensor out = Tensor.of(y, f.t, f.n, f.hid);
        Tensor hT = Tensor.of(Arrays.copyOfRange(f.hs, f.t * nh, (f.t + 1) * nh), f.n, f.hid);
        Tensor cT = Tensor.of(Arrays.copyOfRange(f.cs, f.t * nh, (f.t + 1) * nh), f.n, f.hid);
        Tensor[] inputs = p.graphInputs(x, h0, c0);
        Graph.record("lstm_fused", inputs, new Tensor[] {out, hT, cT}, g -> f.backward(x, g));
        return new RnnOutput(out, new RnnState(hT, cT));
    }

    private float[] forward(Tensor x, Tensor h0, Tensor c0) {
        int g4 = 4 * hid;
        int nh = n * hid;
        inputProjection(x);
        System.arraycopy(h0.data(), h0.offset(), hs, 0, nh);
        System.arraycopy(c0.data(), c0.offset(), cs, 0, nh);
        float[] y = new float[t * nh];
        float[] peep = p.peep() == null ? null : p.peep().toArray();
        Tensor w = p.wHh();
        try (RnnKernelsGemm rec = RnnKernelsGemm.stage(w.data(), w.offset(), g4, hid)) {
            BatchParts.run(n, parts, rec, maxRows -> rec.share(), (b0, b1, mine) -> forwardRows(mine, peep, b0, b1, y));
        }
        return y;
    }

    /** The forward step loop over rows {@code [b0, b1)}. */
    private void forwardRows(RnnKernelsGemm rec, float[] peep, int b0, int b1, float[] y) {
        int g4 = 4 * hid;
        int nh = n * hid;
        for (int s = 0; s < t; s++) {
            rec.timesTransposed(b1 - b0, hs, s * nh + b0 * hid, 1f, gates, (s * n + b0) * g4);
            for (int b = b0; b < b1; b++) {
                int cur = s * nh + b * hid;
                int next = cur + nh;
                if (s < lens[b]) {
                    RnnKernels.lstmForwardRow(hid, gates, (s * n + b) * g4, peep, cs, cur, cs, next, tcs, cur, hs, next);
                    System.arraycopy(hs, next, y, cur, hid);
                } else {
                    System.arraycopy(hs, cur, hs, next, hid);
                    System.arraycopy(cs, cur, cs, next, hid);
                }
            }
        }
    }

    /** {@code gates = X W_ih^T + b_ih + b_hh} for all T*N rows in one GEMM. */
    private void inputProjection(Tensor x) {
        int g4 = 4 * hid;
        float[] bias = p.bIh().toArray();
        float[] bHh = p.bHh().data();
        for (int j = 0; j < g4; j++) bias[j] += bHh[p.bHh().offset() + j];
        int rows = t * n;
        for (int r = 0; r < rows; r++) System.arraycopy(bias, 0, gates, r * g4, g4);
        Tensor w = p.wIh();
        int f = p.inputSize();
        Backends.current().gemm(false, true, rows, g4, f, 1f, x.data(), x.offset(), f,
                w.data(), w.offset(), f, 1f, gates, 0, g4);
    }

    private Tensor[] backward(Tensor x, Tensor[] g) {
        int nh = n * hid;
        float[] dG = new float[t * n * 4 * hid];
        float[] dh = new float[nh];
        float[] dc = new float[nh];
        if (g[1] != null) System.arraycopy(g[1].data(), g[1].offset(), dh, 0, nh);
        if (g[2] != null) System.arraycopy(g[2].data(), g[2].offset(), dc, 0, nh);
        float[] dPeep = p.peep() == null ? null : new float[3 * hid];
        dh = bptt(g[0], dG, dh, dc, dPeep);
        Tensor[] grads = new Tensor[3 + (p.peep() == null ? 4 : 5)];
        grads[1] = Tensor.of(dh, n, hid);
        grads[2] = Tensor.of(dc, n, hid);
        weightGradients(x, dG, grads);
        if (dPeep != null) grads[7] = Tensor.of(dPeep, 3, hid);
        return grads;
    }

    /** The per-step backward loop; returns dh_0 and leaves dc_0 in {@code dc}. */
    private float[] bptt(Tensor dy, float[] dG, float[] dh, float[] dc, float[] dPeep) {
        float[] dhPrev = new float[n * hid];
        float[] peep = p.peep() == null ? null : p.peep().toArray();
        float[][] partPeep = new float[n][]; // by each part's first row
        Tensor w = p.wHh();
        try (RnnKernelsGemm rec = RnnKernelsGemm.stage(w.data(), w.offset(), 4 * hid, hid)) {
            BatchParts.run(n, parts, rec, maxRows -> rec.share(), (b0, b1, part) -> {
                float[] mine = dPeep == null ? null : new float[dPeep.length];
                partPeep[b0] = mine;
                bpttRows(part, peep, b0, b1, dy, dG, dh, dhPrev, dc, mine);
            });
        }
        if (dPeep != null) {
            for (float[] d : partPeep) {
                for (int j = 0; d != null && j < d.length; j++) dPeep[j] += d[j];
            }
        }
        return t % 2 == 0 ? dh : dhPrev; // each part swapped its two arrays t times
    }

    /** The backward step loop over rows {@code [b0, b1)}, alternating between the two dh arrays; peephole gradients into {@code dPeep}. */
    private void bpttRows(RnnKernelsGemm rec, float[] peep, int b0, int b1, Tensor dy, float[] dG, float[] dh, float[] dhPrev,
                          float[] dc, float[] dPeep) {
        int g4 = 4 * hid;
        int nh = n * hid;
        float[] dhTot = new float[hid];
        for (int s = t - 1; s >= 0; s--) {
            for (int b = b0; b < b1; b++) {
                int cur = s * nh + b * hid;
                if (s >= lens[b]) {
                    System.arraycopy(dh, b * hid, dhPrev, b * hid, hid);
                    continue;
                }
                GateGradients.hiddenTotal(dh, b, hid, dy, cur, dhTot);
                RnnKernels.lstmBackwardRow(hid, gates, (s * n + b) * g4, peep, cs, cur, cs, cur + nh, tcs, cur,
                        dhTot, 0, dc, b * hid, dG, (s * n + b) * g4, dPeep);
                Arrays.fill(dhPrev, b * hid, (b + 1) * hid, 0f);
            }
            rec.times(b1 - b0, dG, (s * n + b0) * g4, 1f, dhPrev, b0 * hid);
            float[] swap = dh;
            dh = dhPrev;
            dhPrev = swap;
        }
    }

    /** dX, dW_ih, dW_hh as one GEMM each over all steps; both bias gradients are the column sums. */
    private void weightGradients(Tensor x, float[] dG, Tensor[] grads) {
        int g4 = 4 * hid;
        int rows = t * n;
        if (x.requiresGrad()) grads[0] = GateGradients.input(dG, g4, p.wIh(), t, n);
        grads[3] = GateGradients.weight(dG, g4, x.data(), x.offset(), p.inputSize(), rows);
        grads[4] = GateGradients.weight(dG, g4, hs, 0, hid, rows);
        grads[5] = GateGradients.bias(dG, g4, rows);
        grads[6] = grads[5].copy();
    }
}
