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

    /** The parameters, for the fused path's tests. */
    GruParams params() {
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
        return new RnnState(Tensor.zeros(n, p.hiddenSize()));
    }

    /** Settings of a {@link Gru} or of a stack of them. */
    public static final class Builder extends RnnStackBuilder<Builder, Gru> {
        private Builder() {}

        @Override
        String layerName() {
            return "Gru";
        }

        @Override
        Gru layer(int in, long layerSeed) {
            return new Gru(this, in, layerSeed);
        }
    }
}
