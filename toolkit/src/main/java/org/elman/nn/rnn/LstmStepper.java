package org.elman.nn.rnn;

import org.elman.backend.cpu.LstmKernels;
import org.elman.backend.cpu.LstmStepGemv;
import org.elman.backend.cpu.RnnKernels;
import org.elman.backend.cpu.StepTeam;
import org.elman.tensor.Tensor;

/**
 * Step-by-step LSTM inference (no autograd) for streaming: a snapshot of an {@link Lstm}'s
 * weights as one matrix {@code [W_ih | W_hh] (4H, F + H)}, so that each step is a single
 * matrix-vector product on {@code [x; h]} and one fused gate pass (which adds the bias), with no
 * allocation per step. With OpenBLAS the matrix is staged off-heap once ({@link LstmStepGemv});
 * otherwise a Java product over the transposed matrix is used. The snapshot does not follow later
 * changes to the layer's weights: make a new stepper after training or loading weights. {@link
 * #close()} frees the off-heap copy (otherwise freed when collected) and stops the helper threads.
 * Not thread-safe.
 *
 * <p>With several threads ({@link Lstm#stepper(int)}) the hidden units are split into that many
 * blocks; each thread multiplies the rows of its units' four gates and updates those units, and a
 * {@link StepTeam} hands each step to the helpers without a queue. The product on 2 threads took
 * about half the time of one for H = 256 (the matrix is read once per step, so one core's load
 * bandwidth bounds it). Results agree with one thread to float rounding.
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
    private final Block[] blocks;
    private final StepTeam team;
    private final float[][] bias; // b_ih + b_hh per gate (H each)
    private final float[][] gate;
    private final float[] tc;
    private final float[] hNext;
    // the arguments of the step in progress, read by every block
    private float[] x;
    private int xOff;
    private float[] h;
    private float[] c;

    LstmStepper(LstmParams p, int threads) {
        inputSize = p.inputSize();
        hid = p.hiddenSize();
        if (threads < 1 || threads > hid) {
            throw new IllegalArgumentException("LstmStepper: threads must be in [1, hidden size " + hid + "], got " + threads);
        }
        float[] w = joinedWeights(p);
        float[] peep = p.peep() == null ? null : p.peep().toArray();
        blocks = new Block[threads];
        for (int b = 0; b < threads; b++) {
            blocks[b] = new Block(w, peep, (int) ((long) hid * b / threads), (int) ((long) hid * (b + 1) / threads));
        }
        float[] bIh = p.bIh().toArray();
        float[] bHh = p.bHh().toArray();
        bias = new float[4][hid];
        for (int j = 0; j < 4 * hid; j++) bias[j / hid][j % hid] = bIh[j] + bHh[j];
        gate = new float[4][hid];
        tc = new float[hid];
        hNext = new float[hid];
        team = new StepTeam(threads, b -> blocks[b].step());
    }

    /** {@code [W_ih | W_hh] (4H, F + H)}, row-major. */
    private static float[] joinedWeights(LstmParams p) {
        int in = p.inputSize();
        int hid = p.hiddenSize();
        int k = in + hid;
        float[] w = new float[4 * hid * k];
        float[] wi = p.wIh().toArray();
        float[] wh = p.wHh().toArray();
        for (int r = 0; r < 4 * hid; r++) {
            System.arraycopy(wi, r * in, w, r * k, in);
            System.arraycopy(wh, r * hid, w, r * k + in, hid);
        }
        return w;
    }

    /** One step: reads {@code x[xOff .. xOff + F)}, updates {@code h} and {@code c} (H each) in place. */
    public void step(float[] x, int xOff, float[] h, float[] c) {
        if (h.length < hid || c.length < hid) throw new IllegalArgumentException("LstmStepper: h and c need " + hid + " values");
        this.x = x;
        this.xOff = xOff;
        this.h = h;
        this.c = c;
        try {
            team.run();   // every block reads all of h, so the new h goes to hNext first
        } finally {
            this.x = null;
            this.h = null;
            this.c = null;
        }
        System.arraycopy(hNext, 0, h, 0, hid);
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

    /** The number of threads a step runs on. */
    public int threads() {
        return blocks.length;
    }

    @Override
    public void close() {
        team.close();
        for (Block b : blocks) b.product.close();
    }

    /** Units {@code [from, to)}: the rows of their four gates, and their part of the step. */
    private final class Block {
        private final int from;
        private final int to;
        private final LstmStepGemv product;
        private final float[] peep; // (3 n) for these units: [p_i, p_f, p_o], or null
        private final float[] row; // the peephole kernel's [i, f, g, o] row for these units

        Block(float[] w, float[] allPeep, int from, int to) {
            this.from = from;
            this.to = to;
            int n = to - from;
            int k = inputSize + hid;
            float[] mine = new float[4 * n * k];
            for (int q = 0; q < 4; q++) System.arraycopy(w, (q * hid + from) * k, mine, q * n * k, n * k);
            product = new LstmStepGemv(mine, 0, 4 * n, k);
            peep = allPeep == null ? null : new float[3 * n];
            row = allPeep == null ? null : new float[4 * n];
            for (int q = 0; peep != null && q < 3; q++) System.arraycopy(allPeep, q * hid + from, peep, q * n, n);
        }

        void step() {
            product.gates(x, xOff, inputSize, h, 0, gate[0], gate[1], gate[2], gate[3], from);
            if (peep == null) {
                LstmKernels.forward(from, to, gate[0], gate[1], gate[2], gate[3], bias, c, c, tc, hNext);
                return;
            }
            int n = to - from;
            for (int q = 0; q < 4; q++) {
                for (int j = 0; j < n; j++) row[q * n + j] = gate[q][from + j] + bias[q][from + j];
            }
            RnnKernels.lstmForwardRow(n, row, 0, peep, c, from, c, from, tc, from, hNext, from);
        }
    }
}
