package org.elman.nn.rnn;

import org.elman.backend.cpu.LstmKernels;
import org.elman.backend.cpu.RnnKernels;
import org.elman.backend.cpu.RnnKernelsGemm;
import org.elman.tensor.Tensor;

/**
 * Step-by-step LSTM inference (no autograd) for streaming: a snapshot of an {@link Lstm}'s
 * weights as one matrix {@code [W_ih | W_hh] (4H, F + H)}, so that each step is a single
 * matrix-vector product on {@code [x; h]} and one fused gate pass, with no allocation per step.
 * With OpenBLAS the matrix is staged off-heap once ({@link RnnKernelsGemm}); otherwise a
 * vectorised Java product over the transposed matrix is used. The snapshot does not follow later
 * changes to the layer's weights: make a new stepper after training or loading weights. {@link
 * #close()} frees the off-heap copy (otherwise freed when collected). Not thread-safe.
 *
 * <pre>{@code
 * try (LstmStepper run = lstm.stepper()) {
 *     float[] h = new float[256], c = new float[256];
 *     for (float[] frame : frames) run.step(frame, 0, h, c);   // h, c updated in place
 * }
 * }</pre>
 */
public final class LstmStepper implements AutoCloseable {
    private final int inputSize;
    private final int hid;
    private final RnnKernelsGemm staged; // [W_ih | W_hh] off-heap, or null
    private final float[] wT; // [W_ih | W_hh]^T (F + H, 4H) when not staged
    private final float[] bias; // b_ih + b_hh
    private final float[] peep; // (3H) or null
    private final float[] xh;
    private final float[] gates;
    private final float[] gf;
    private final float[] gg;
    private final float[] go;
    private final float[] tc;

    LstmStepper(LstmParams p) {
        inputSize = p.inputSize();
        hid = p.hiddenSize();
        int k = inputSize + hid;
        float[] w = new float[4 * hid * k];
        float[] wi = p.wIh().toArray();
        float[] wh = p.wHh().toArray();
        for (int r = 0; r < 4 * hid; r++) {
            System.arraycopy(wi, r * inputSize, w, r * k, inputSize);
            System.arraycopy(wh, r * hid, w, r * k + inputSize, hid);
        }
        staged = RnnKernelsGemm.offHeap() ? RnnKernelsGemm.stage(w, 0, 4 * hid, k) : null;
        wT = staged == null ? RnnKernels.transpose(w, 0, 4 * hid, k) : null;
        bias = p.bIh().toArray();
        float[] bHh = p.bHh().toArray();
        for (int j = 0; j < bias.length; j++) bias[j] += bHh[j];
        peep = p.peep() == null ? null : p.peep().toArray();
        xh = new float[k];
        gates = new float[4 * hid];
        gf = new float[hid];
        gg = new float[hid];
        go = new float[hid];
        tc = new float[hid];
    }

    /** One step: reads {@code x[xOff .. xOff + F)}, updates {@code h} and {@code c} (H each) in place. */
    public void step(float[] x, int xOff, float[] h, float[] c) {
        if (h.length < hid || c.length < hid) throw new IllegalArgumentException("LstmStepper: h and c need " + hid + " values");
        System.arraycopy(x, xOff, xh, 0, inputSize);
        System.arraycopy(h, 0, xh, inputSize, hid);
        System.arraycopy(bias, 0, gates, 0, gates.length);
        if (staged != null) {
            staged.timesVector(xh, 0, 1f, gates, 0);
        } else {
            RnnKernels.gemvTransposedAdd(xh.length, 4 * hid, xh, 0, wT, gates);
        }
        if (peep != null) {
            RnnKernels.lstmForwardRow(hid, gates, 0, peep, c, 0, c, 0, tc, 0, h, 0);
            return;
        }
        // gate-split for the vectorised kernel: i stays in place, f, g, o move to their own arrays
        System.arraycopy(gates, hid, gf, 0, hid);
        System.arraycopy(gates, 2 * hid, gg, 0, hid);
        System.arraycopy(gates, 3 * hid, go, 0, hid);
        LstmKernels.forward(0, hid, gates, gf, gg, go, c, c, tc, h);
    }

    /**
     * Runs {@code x (T, N, F)} (all steps valid) from {@code state} (or zeros), as {@link
     * Lstm#forward} would without gradients.
     */
    public RnnOutput forward(Tensor x, RnnState state) {
        Lengths.checkSequence("LstmStepper", x, inputSize);
        int t = x.size(0);
        int n = x.size(1);
        Tensor[] hc = LstmCell.initialState("LstmStepper", state, n, hid);
        float[] hs = hc[0].toArray();
        float[] cs = hc[1].toArray();
        float[] y = new float[t * n * hid];
        float[] h = new float[hid];
        float[] c = new float[hid];
        for (int b = 0; b < n; b++) {
            System.arraycopy(hs, b * hid, h, 0, hid);
            System.arraycopy(cs, b * hid, c, 0, hid);
            for (int s = 0; s < t; s++) {
                step(x.data(), x.offset() + (s * n + b) * inputSize, h, c);
                System.arraycopy(h, 0, y, (s * n + b) * hid, hid);
            }
            System.arraycopy(h, 0, hs, b * hid, hid);
            System.arraycopy(c, 0, cs, b * hid, hid);
        }
        return new RnnOutput(Tensor.of(y, t, n, hid), new RnnState(Tensor.of(hs, n, hid), Tensor.of(cs, n, hid)));
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hid;
    }

    @Override
    public void close() {
        if (staged != null) staged.close();
    }
}
