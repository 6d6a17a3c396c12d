package org.elman.nn.rnn;

import java.util.Arrays;
import org.elman.autograd.Graph;
import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.elman.backend.cpu.RnnKernels;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.elman.tensor.Tensor;

/**
 * The fused GRU over a whole sequence as one autograd node, organised like {@code LstmFused}:
 * one GEMM for the input projection of all steps, per step one recurrent GEMM (weights staged
 * once) and one fused gate kernel per row; backward through the saved gates with one GEMM per
 * step for dh_{t-1}, then one GEMM each for dX, dW_ih and dW_hh. With spare cores the step loops
 * run on parts of the batch in parallel ({@link BatchParts}), each part with its own staging
 * buffers over the shared weights, reading and writing only its own rows.
 */
final class GruFused {
    private final GruParams p;
    private final int t;
    private final int n;
    private final int hid;
    private final int[] lens;
    private final float[] xg; // (T, N, 3H) W_ih x + b_ih
    private final float[] save; // (T, N, 4H) r, z, n, hn
    private final float[] hs; // (T+1, N, H), hs[0] = h0
    private final int parts;

    private GruFused(GruParams p, int t, int n, int[] lens, int parts) {
        BatchParts.check("GruFused", parts, n);
        this.parts = parts;
        this.p = p;
        this.t = t;
        this.n = n;
        this.hid = p.hiddenSize();
        this.lens = lens;
        xg = new float[t * n * 3 * hid];
        save = new float[t * n * 4 * hid];
        hs = new float[(t + 1) * n * hid];
    }

    /** Runs the layer; {@code x (T, N, F)} already validated, {@code lens} resolved. */
    static RnnOutput run(GruParams p, Tensor x, int[] lens, Tensor h0) {
        return run(p, x, lens, h0, BatchParts.count(x.size(0), x.size(1), 3, p.hiddenSize()));
    }

    /** As above with the step loops on {@code parts} parts of the batch (1 to N). */
    static RnnOutput run(GruParams p, Tensor x, int[] lens, Tensor h0, int parts) {
        GruFused f = new GruFused(p, x.size(0), x.size(1), lens, parts);
        float[] y = f.forward(x, h0);
        int nh = f.n * f.hid;
        Tensor out = Tensor.of(y, f.t, f.n, f.hid);
        Tensor hT = Tensor.of(Arrays.copyOfRange(f.hs, f.t * nh, (f.t + 1) * nh), f.n, f.hid);
        Tensor[] params = p.asArray();
        Tensor[] inputs = {x, h0, params[0], params[1], params[2], params[3]};
        Graph.record("gru_fused", inputs, new Tensor[] {out, hT}, g -> f.backward(x, g));
        return new RnnOutput(out, new RnnState(hT));
    }

    private float[] forward(Tensor x, Tensor h0) {
        int g3 = 3 * hid;
        int nh = n * hid;
        int rows = t * n;
        int f = p.inputSize();
        Backend be = Backends.current();
        fillRows(p.bIh(), xg, rows);
        be.gemm(false, true, rows, g3, f, 1f, x.data(), x.offset(), f, p.wIh().data(), p.wIh().offset(), f, 1f, xg, 0, g3);
        System.arraycopy(h0.data(), h0.offset(), hs, 0, nh);
        float[] y = new float[t * nh];
        Tensor w = p.wHh();
        try (RnnKernelsGemm rec = RnnKernelsGemm.stage(w.data(), w.offset(), g3, hid)) {
            BatchParts.run(n, parts, rec, maxRows -> rec.share(), (b0, b1, mine) -> forwardRows(mine, b0, b1, y));
        }
        return y;
    }

    /** The forward step loop over rows {@code [b0, b1)}. */
    private void forwardRows(RnnKernelsGemm rec, int b0, int b1, float[] y) {
        int g3 = 3 * hid;
        int nh = n * hid;
        float[] hg = new float[(b1 - b0) * g3];
        for (int s = 0; s < t; s++) {
            fillRows(p.bHh(), hg, b1 - b0);
            rec.timesTransposed(b1 - b0, hs, s * nh + b0 * hid, 1f, hg, 0);
            for (int b = b0; b < b1; b++) {
                int cur = s * nh + b * hid;
                int row = s * n + b;
                if (s < lens[b]) {
                    RnnKernels.gruForwardRow(hid, xg, row * g3, hg, (b - b0) * g3, hs, cur, save, row * 4 * hid, hs, cur + nh);
                    System.arraycopy(hs, cur + nh, y, cur, hid);
                } else {
                    System.arraycopy(hs, cur, hs, cur + nh, hid);
                }
            }
        }
    }

    private static void fillRows(Tensor bias, float[] dst, int rows) {
        int len = bias.numel();
        for (int r = 0; r < rows; r++) System.arraycopy(bias.data(), bias.offset(), dst, r * len, len);
    }

    private Tensor[] backward(Tensor x, Tensor[] g) {
        int nh = n * hid;
        float[] dGx = new float[t * n * 3 * hid];
        float[] dGh = new float[t * n * 3 * hid];
        float[] dh = new float[nh];
        if (g[1] != null) System.arraycopy(g[1].data(), g[1].offset(), dh, 0, nh);
        dh = bptt(g[0], dGx, dGh, dh);
        Tensor[] grads = new Tensor[6];
        grads[1] = Tensor.of(dh, n, hid);
        weightGradients(x, dGx, dGh, grads);
        return grads;
    }

    /** The per-step backward loop; returns dh_0. */
    private float[] bptt(Tensor dy, float[] dGx, float[] dGh, float[] dh) {
        float[] dhPrev = new float[n * hid];
        Tensor w = p.wHh();
        try (RnnKernelsGemm rec = RnnKernelsGemm.stage(w.data(), w.offset(), 3 * hid, hid)) {
            BatchParts.run(n, parts, rec, maxRows -> rec.share(), (b0, b1, mine) -> bpttRows(mine, b0, b1, dy, dGx, dGh, dh, dhPrev));
        }
        return t % 2 == 0 ? dh : dhPrev; // each part swapped its two arrays t times
    }

    /** The backward step loop over rows {@code [b0, b1)}, alternating between the two dh arrays. */
    private void bpttRows(RnnKernelsGemm rec, int b0, int b1, Tensor dy, float[] dGx, float[] dGh, float[] dh, float[] dhPrev) {
        int g3 = 3 * hid;
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
                int row = s * n + b;
                RnnKernels.gruBackwardRow(hid, save, row * 4 * hid, hs, cur, dhTot, 0, dGx, row * g3, dGh, row * g3, dhPrev, b * hid);
            }
            rec.times(b1 - b0, dGh, (s * n + b0) * g3, 1f, dhPrev, b0 * hid);
            float[] swap = dh;
            dh = dhPrev;
            dhPrev = swap;
        }
    }

    /** dX, dW_ih, dW_hh as one GEMM each over all steps; bias gradients are column sums. */
    private void weightGradients(Tensor x, float[] dGx, float[] dGh, Tensor[] grads) {
        int g3 = 3 * hid;
        int rows = t * n;
        if (x.requiresGrad()) grads[0] = GateGradients.input(dGx, g3, p.wIh(), t, n);
        grads[2] = GateGradients.weight(dGx, g3, x.data(), x.offset(), p.inputSize(), rows);
        grads[3] = GateGradients.weight(dGh, g3, hs, 0, hid, rows);
        grads[4] = GateGradients.bias(dGx, g3, rows);
        grads[5] = GateGradients.bias(dGh, g3, rows);
    }
}
