package org.elman.nn.rnn;

import org.elman.backend.cpu.LstmKernels;
import org.elman.backend.cpu.LstmStepGemv;
import org.elman.backend.cpu.RnnKernels;
import org.elman.tensor.Tensor;

/**
 * Step-by-step LSTM inference (no autograd) for streaming: a snapshot of an {@link Lstm}'s
 * weights as one matrix {@code [W_ih | W_hh] (4H, F + H)}, so that each step is a single
 * matrix-vector product on {@code [x; h]} and one fused gate pass (which adds the bias), with no
 * allocation per step and no thread hand-off. With OpenBLAS the matrix is staged off-heap once
 * ({@link LstmStepGemv}); otherwise a Java product over the transposed matrix is used. The snapshot does not follow later
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
    private final LstmStepGemv product;
    private final float[][] bias; // b_ih + b_hh per gate (H each)
    private final float[] peep; // (3H) or null
    private final float[][] gate;
    private final float[] row; // the peephole kernel's [i, f, g, o] row
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
        product = new LstmStepGemv(w, 0, 4 * hid, k);
        float[] bIh = p.bIh().toArray();
        float[] bHh = p.bHh().toArray();
        bias = new float[4][hid];
        for (int j = 0; j < 4 * hid; j++) bias[j / hid][j % hid] = bIh[j] + bHh[j];
        peep = p.peep() == null ? null : p.peep().toArray();
        gate = new float[4][hid];
        row = peep == null ? null : new float[4 * hid];
        tc = new float[hid];
    }

    /** One step: reads {@code x[xOff .. xOff + F)}, updates {@code h} and {@code c} (H each) in place. */
    public void step(float[] x, int xOff, float[] h, float[] c) {
        if (h.length < hid || c.length < hid) throw new IllegalArgumentException("LstmStepper: h and c need " + hid + " values");
        product.gates(x, xOff, inputSize, h, 0, gate[0], gate[1], gate[2], gate[3]);
        if (peep == null) {
            LstmKernels.forward(0, hid, gate[0], gate[1], gate[2], gate[3], bias, c, c, tc, h);
            return;
        }
        for (int q = 0; q < 4; q++) {
            for (int j = 0; j < hid; j++) row[q * hid + j] = gate[q][j] + bias[q][j];
        }
        RnnKernels.lstmForwardRow(hid, row, 0, peep, c, 0, c, 0, tc, 0, h, 0);
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
        product.close();
    }
}
