package org.elman.nn.rnn;

import java.util.Random;
import org.elman.nn.Init;
import org.elman.nn.Module;
import org.elman.tensor.Tensor;

/**
 * A single-direction GRU layer over a time-major sequence, run as one autograd node with fused
 * kernels. Equations, parameter names, shapes and initialisation are those of {@link GruCell}
 * (PyTorch's GRU, gate order r, z, n, with {@code b_hn} inside the reset product):
 *
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 - z) ⊙ n + z ⊙ h
 * </pre>
 *
 * Shapes: input {@code x (T, N, F)}; output {@code (T, N, H)} (zero at padded steps); state
 * {@code [h]}, {@code (N, H)}, taken at each sequence's last valid step. Padded steps keep the
 * state and pass no gradient. {@code optReference(true)} runs the composed {@link GruCell} step
 * by step instead (the reference).
 *
 * <pre>{@code
 * Gru gru = Gru.builder().setInputSize(80).setHiddenSize(256).build();
 * RnnOutput out = gru.forward(x, lengths, null);   // out.output() (T, N, 256)
 * }</pre>
 */
public final class Gru extends Module implements Recurrent {
    private final GruParams p;
    private final boolean reference;

    private Gru(Builder b, int inputSize, long seed) {
        Random rng = new Random(seed);
        int h = b.hiddenSize;
        float bound = 1f / (float) Math.sqrt(h);
        Tensor wIh = param("weight_ih", Init.uniform(rng, bound, 3 * h, inputSize));
        Tensor wHh = param("weight_hh", Init.uniform(rng, bound, 3 * h, h));
        Tensor bIh = param("bias_ih", Init.uniform(rng, bound, 3 * h));
        Tensor bHh = param("bias_hh", Init.uniform(rng, bound, 3 * h));
        this.p = new GruParams(inputSize, h, wIh, wHh, bIh, bHh);
        this.reference = b.reference;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        if (reference) return GruCell.runSequence("Gru", p, x, lengths, initial);
        Lengths.checkSequence("Gru", x, p.inputSize());
        int n = x.size(1);
        int[] lens = Lengths.resolve(lengths, x.size(0), n);
        Tensor h0 = GruCell.initialState("Gru", initial, n, p.hiddenSize());
        if (x.size(0) == 0) return new RnnOutput(Tensor.zeros(0, n, p.hiddenSize()), new RnnState(h0));
        return GruFused.run(p, x, lens, h0);
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
        return new RnnState(Tensor.zeros(n, p.hiddenSize()));
    }

    /** Settings of a {@link Gru} or of a stack of them. */
    public static final class Builder {
        private int inputSize = -1;
        private int hiddenSize = -1;
        private boolean reference;
        private long seed;
        private int layers = 1;
        private boolean bidirectional;
        private float dropout;

        public Builder setInputSize(int f) {
            this.inputSize = f;
            return this;
        }

        /** Hidden units per direction. */
        public Builder setHiddenSize(int h) {
            this.hiddenSize = h;
            return this;
        }

        /** Runs the composed cell-by-cell reference instead of the fused kernels. */
        public Builder optReference(boolean on) {
            this.reference = on;
            return this;
        }

        /** Seed of the weight initialisation (default 0); each layer and direction derives its own. */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /** Number of stacked layers for {@link #buildStack()} (default 1). */
        public Builder optLayers(int n) {
            this.layers = n;
            return this;
        }

        /** Bidirectional layers for {@link #buildStack()}: output size 2H. */
        public Builder optBidirectional(boolean on) {
            this.bidirectional = on;
            return this;
        }

        /** Dropout probability between stacked layers in training mode (default 0). */
        public Builder optDropout(float prob) {
            this.dropout = prob;
            return this;
        }

        private void validate() {
            if (inputSize <= 0) throw new IllegalArgumentException("Gru: inputSize must be set and positive, got " + inputSize);
            if (hiddenSize <= 0) throw new IllegalArgumentException("Gru: hiddenSize must be set and positive, got " + hiddenSize);
            if (layers <= 0) throw new IllegalArgumentException("Gru: layers must be positive, got " + layers);
        }

        /** One single-direction layer; use {@link #buildStack()} for layers > 1 or bidirectional. */
        public Gru build() {
            validate();
            if (layers != 1 || bidirectional) {
                throw new IllegalArgumentException("Gru: build() makes one direction of one layer; use buildStack() for layers="
                        + layers + ", bidirectional=" + bidirectional);
            }
            return new Gru(this, inputSize, seed);
        }

        /** {@code layers} layers (each {@link Bidirectional} when asked) in a {@link Stacked}. */
        public Stacked buildStack() {
            validate();
            Stacked.Builder sb = Stacked.builder().optDropout(dropout).optSeed(seed);
            int in = inputSize;
            for (int k = 0; k < layers; k++) {
                long s = seed + 2L * k;
                sb.addLayer(bidirectional ? new Bidirectional(new Gru(this, in, s), new Gru(this, in, s + 1)) : new Gru(this, in, s));
                in = bidirectional ? 2 * hiddenSize : hiddenSize;
            }
            return sb.build();
        }
    }
}
