package org.elman.nn.rnn;

import java.util.Random;
import org.elman.nn.Init;
import org.elman.nn.Module;
import org.elman.tensor.Tensor;

/**
 * A single-direction LSTM layer over a time-major sequence, run as one autograd node with fused
 * kernels. Equations, parameter names, shapes and initialisation are those of {@link LstmCell}
 * (PyTorch's LSTM with optional Gers &amp; Schmidhuber peepholes):
 *
 * <pre>
 *   [a_i, a_f, a_g, a_o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
 *   i = σ(a_i + p_i ⊙ c_{t-1}), f = σ(a_f + p_f ⊙ c_{t-1}), g = tanh(a_g)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g,  o = σ(a_o + p_o ⊙ c_t),  h_t = o ⊙ tanh(c_t)
 * </pre>
 *
 * Shapes: input {@code x (T, N, F)}; output {@code (T, N, H)} (zero at padded steps); state
 * {@code [h, c]}, each {@code (N, H)}, taken at each sequence's last valid step. Padded steps
 * ({@code t >= lengths[n]}) keep the state and pass no gradient.
 *
 * <p>The fused path ({@code LstmFused}; {@code LstmFusedRows} with peepholes): one GEMM for the
 * input projection of all steps, per step one recurrent GEMM and one fused gate kernel, and a
 * hand-written BPTT. {@code optReference(true)} runs the composed {@link LstmCell} step by step instead (the reference; same
 * numbers up to float rounding). For step-by-step inference at batch 1 see {@link LstmStepper}.
 * Stacked and bidirectional LSTMs: {@link Builder#buildStack()}.
 *
 * <pre>{@code
 * Lstm lstm = Lstm.builder().setInputSize(80).setHiddenSize(256).build();
 * RnnOutput out = lstm.forward(x, lengths, null);   // out.output() (T, N, 256)
 * Recurrent biLstm3 = Lstm.builder().setInputSize(80).setHiddenSize(256)
 *         .optLayers(3).optBidirectional(true).optDropout(0.1f).buildStack();
 * }</pre>
 */
public final class Lstm extends Module implements Recurrent {
    private final LstmParams p;
    private final boolean reference;

    private Lstm(Builder b, int inputSize, long seed) {
        Random rng = new Random(seed);
        int h = b.hiddenSize;
        float bound = 1f / (float) Math.sqrt(h);
        Tensor wIh = param("weight_ih", Init.uniform(rng, bound, 4 * h, inputSize));
        Tensor wHh = param("weight_hh", Init.uniform(rng, bound, 4 * h, h));
        Tensor bIh = param("bias_ih", Init.uniform(rng, bound, 4 * h));
        Tensor bHh = param("bias_hh", Init.uniform(rng, bound, 4 * h));
        Tensor peep = b.peepholes ? param("weight_peephole", Init.uniform(rng, bound, 3, h)) : null;
        this.p = new LstmParams(inputSize, h, wIh, wHh, bIh, bHh, peep);
        this.reference = b.reference;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        return run(x, lengths, initial, false);
    }

    /**
     * As {@link #forward} on each sequence reversed within its own length, with the output put back
     * in the original time order: the backward direction of a {@link Bidirectional} layer. The
     * fused path reads the rows in reverse instead of copying reversed input and output.
     */
    RnnOutput forwardReversed(Tensor x, int[] lengths, RnnState initial) {
        return run(x, lengths, initial, true);
    }

    private RnnOutput run(Tensor x, int[] lengths, RnnState initial, boolean reversed) {
        if (reference && !reversed) return LstmCell.runSequence("Lstm", p, x, lengths, initial);
        Lengths.checkSequence("Lstm", x, p.inputSize());
        int n = x.size(1);
        int[] lens = Lengths.resolve(lengths, x.size(0), n);
        if (reversed && (reference || p.peep() != null)) {
            RnnOutput o = run(Lengths.reverse(x, lens), lens, initial, false);
            return new RnnOutput(Lengths.reverse(o.output(), lens), o.state());
        }
        Tensor[] hc = LstmCell.initialState("Lstm", initial, n, p.hiddenSize());
        if (x.size(0) == 0 || n == 0) return new RnnOutput(Tensor.zeros(x.size(0), n, p.hiddenSize()), new RnnState(hc));
        if (p.peep() != null) return LstmFusedRows.run(p, x, lens, hc[0], hc[1]);
        return LstmFused.run(p, x, lens, hc[0], hc[1], reversed);
    }

    /** True when {@link #forwardInto} applies: the fused path without peepholes. */
    boolean writesInto() {
        return !reference && p.peep() == null;
    }

    /**
     * Without gradients and only when {@link #writesInto}: runs the layer (read backwards within
     * each length when {@code reversed}) writing its output into columns {@code [col, col + H)} of
     * {@code y (T, N, stride)}, which must hold zeros at padded steps; returns the final state. Lets a
     * bidirectional layer fill its concatenated output without a copy.
     */
    RnnState forwardInto(Tensor x, int[] lengths, RnnState initial, boolean reversed, float[] y, int col, int stride) {
        if (!writesInto()) throw new IllegalStateException("Lstm: forwardInto needs the fused path without peepholes");
        Lengths.checkSequence("Lstm", x, p.inputSize());
        int n = x.size(1);
        int[] lens = Lengths.resolve(lengths, x.size(0), n);
        Tensor[] hc = LstmCell.initialState("Lstm", initial, n, p.hiddenSize());
        if (x.size(0) == 0 || n == 0) return new RnnState(hc);
        return LstmFused.runInto(p, x, lens, hc[0], hc[1], reversed, y, col, stride);
    }

    /**
     * A step-by-step inference runner (batch 1, no autograd) over a snapshot of the current
     * weights; close it to free its off-heap copy. {@link #forward} with T = 1 also works but
     * re-stages the weights on every call.
     */
    public LstmStepper stepper() {
        return new LstmStepper(p, 1);
    }

    /**
     * {@link #stepper()} with each step split over {@code threads} threads (1 to H): the calling
     * thread and {@code threads - 1} helpers that spin briefly between steps and then park. For
     * batch-1 streaming on an otherwise idle machine; a server with many streams should batch them
     * instead.
     */
    public LstmStepper stepper(int threads) {
        return new LstmStepper(p, threads);
    }

    LstmParams params() {
        return p;
    }

    public int inputSize() {
        return p.inputSize();
    }

    @Override
    public int outputSize() {
        return p.hiddenSize();
    }

    @Override
    public RnnState zeroState(int n) {
        return new RnnState(Tensor.zeros(n, p.hiddenSize()), Tensor.zeros(n, p.hiddenSize()));
    }

    /** Settings of an {@link Lstm} or of a stack of them. */
    public static final class Builder extends RnnStackBuilder<Builder, Lstm> {
        private boolean peepholes;

        private Builder() {}

        /** Adds the diagonal peephole connections of Gers &amp; Schmidhuber. */
        public Builder optPeepholes(boolean on) {
            this.peepholes = on;
            return this;
        }

        @Override
        String layerName() {
            return "Lstm";
        }

        @Override
        Lstm layer(int in, long layerSeed) {
            return new Lstm(this, in, layerSeed);
        }
    }
}
