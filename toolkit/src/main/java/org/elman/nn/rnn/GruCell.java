package org.elman.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.nn.Init;
import org.elman.nn.Module;
import org.elman.ops.Linalg;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;

/**
 * The GRU cell (Cho et al. 2014) composed from differentiable ops, one step at a time: the
 * reference for the fused {@link Gru} layer. PyTorch's equations, gate order r, z, n:
 *
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)
 *   z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 *   h' = (1 - z) ⊙ n + z ⊙ h
 * </pre>
 *
 * Deviation from the paper: the reset gate multiplies {@code W_hn h + b_hn} (after the product,
 * as in PyTorch and cuDNN) rather than h before it, and there are two biases. Shapes: {@code
 * weight_ih (3H, F)}, {@code weight_hh (3H, H)}, {@code bias_ih, bias_hh (3H)}, initialised
 * U(-1/sqrt(H), 1/sqrt(H)). State: {@code [h]}, {@code (N, H)}.
 *
 * <pre>{@code
 * GruCell cell = GruCell.builder().setInputSize(80).setHiddenSize(256).build();
 * Tensor h1 = cell.step(x_t, h0);                 // x_t (N, 80), h (N, 256)
 * RnnOutput out = cell.forward(x, lengths, null);  // a whole (T, N, 80) sequence
 * }</pre>
 */
public final class GruCell extends Module implements Recurrent {
    private final GruParams p;

    private GruCell(int inputSize, int hiddenSize, long seed) {
        Random rng = new Random(seed);
        float bound = 1f / (float) Math.sqrt(hiddenSize);
        Tensor wIh = param("weight_ih", Init.uniform(rng, bound, 3 * hiddenSize, inputSize));
        Tensor wHh = param("weight_hh", Init.uniform(rng, bound, 3 * hiddenSize, hiddenSize));
        Tensor bIh = param("bias_ih", Init.uniform(rng, bound, 3 * hiddenSize));
        Tensor bHh = param("bias_hh", Init.uniform(rng, bound, 3 * hiddenSize));
        p = new GruParams(inputSize, hiddenSize, wIh, wHh, bIh, bHh);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One step: {@code x (N, F)}, {@code h (N, H)} to {@code h'}. */
    public Tensor step(Tensor x, Tensor h) {
        return step(p, x, h);
    }

    static Tensor step(GruParams p, Tensor x, Tensor h) {
        int hid = p.hiddenSize();
        Tensor[] gi = Reshape.split(Linalg.linear(x, p.wIh(), p.bIh()), 1, hid, hid, hid);
        Tensor[] gh = Reshape.split(Linalg.linear(h, p.wHh(), p.bHh()), 1, hid, hid, hid);
        Tensor r = gi[0].add(gh[0]).sigmoid();
        Tensor z = gi[1].add(gh[1]).sigmoid();
        Tensor n = gi[2].add(r.mul(gh[2])).tanh();
        return n.add(z.mul(h.sub(n)));
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        return runSequence("GruCell", p, x, lengths, initial);
    }

    /** The composed reference over a sequence, with masking of padded steps through ops. */
    static RnnOutput runSequence(String who, GruParams p, Tensor x, int[] lengths, RnnState initial) {
        Lengths.checkSequence(who, x, p.inputSize());
        int t = x.size(0);
        int n = x.size(1);
        int[] lens = Lengths.resolve(lengths, t, n);
        Tensor h = initialState(who, initial, n, p.hiddenSize());
        List<Tensor> outs = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            Tensor next = step(p, Reshape.select(x, 0, s), h);
            if (Lengths.allValid(lens, s)) {
                h = next;
                outs.add(next);
                continue;
            }
            Tensor m = Lengths.stepMask(lens, s);
            outs.add(next.mul(m));
            h = next.mul(m).add(h.mul(Tensor.ones(n, 1).sub(m)));
        }
        Tensor y = t == 0 ? Tensor.zeros(0, n, p.hiddenSize()) : Reshape.stack(0, outs.toArray(new Tensor[0]));
        return new RnnOutput(y, new RnnState(h));
    }

    /** The {@code h} to start from, validated, or zeros. */
    static Tensor initialState(String who, RnnState initial, int n, int hid) {
        if (initial == null) return Tensor.zeros(n, hid);
        if (initial.size() != 1) throw new IllegalArgumentException(who + ": GRU state has 1 part [h], got " + initial.size());
        Lengths.checkState(who, "h", initial.part(0), n, hid);
        return initial.part(0);
    }

    @Override
    public int outputSize() {
        return p.hiddenSize();
    }

    @Override
    public RnnState zeroState(int n) {
        return new RnnState(Tensor.zeros(n, p.hiddenSize()));
    }

    /** Settings of a {@link GruCell}. */
    public static final class Builder extends RnnBuilder<Builder> {
        public GruCell build() {
            requireSizes("GruCell");
            return new GruCell(inputSize, hiddenSize, seed);
        }
    }
}
