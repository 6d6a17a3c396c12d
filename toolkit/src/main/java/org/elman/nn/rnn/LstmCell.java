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
 * The LSTM cell composed from differentiable ops, one step at a time: the reference that the
 * fused {@link Lstm} layer is checked against. Hochreiter &amp; Schmidhuber (1997) with the forget
 * gate of Gers et al. (2000), in PyTorch's formulation and parameter layout:
 *
 * <pre>
 *   [a_i, a_f, a_g, a_o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
 *   i = σ(a_i + p_i ⊙ c_{t-1})   f = σ(a_f + p_f ⊙ c_{t-1})   g = tanh(a_g)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   o = σ(a_o + p_o ⊙ c_t)       h_t = o ⊙ tanh(c_t)
 * </pre>
 *
 * The peephole terms (Gers &amp; Schmidhuber 2000; diagonal weights {@code p}, stored as {@code
 * weight_peephole (3, H)} = {@code [p_i, p_f, p_o]}) are present only with {@code
 * optPeepholes(true)}. Shapes: {@code weight_ih (4H, F)}, {@code weight_hh (4H, H)}, {@code
 * bias_ih, bias_hh (4H)}, gate blocks ordered i, f, g, o; all initialised U(-1/sqrt(H), 1/sqrt(H)).
 * Deviation from the papers: two biases (PyTorch's layout, so weights can be exchanged).
 * State: {@code [h, c]}, each {@code (N, H)}.
 *
 * <pre>{@code
 * LstmCell cell = LstmCell.builder().setInputSize(80).setHiddenSize(256).build();
 * Tensor[] hc = cell.step(x_t, h, c);            // one step, x_t (N, 80)
 * RnnOutput out = cell.forward(x, lengths, null); // a whole (T, N, 80) sequence
 * }</pre>
 */
public final class LstmCell extends Module implements Recurrent {
    private final LstmParams p;

    private LstmCell(Builder b) {
        Random rng = new Random(b.seed);
        int h = b.hiddenSize;
        float bound = 1f / (float) Math.sqrt(h);
        Tensor wIh = param("weight_ih", Init.uniform(rng, bound, 4 * h, b.inputSize));
        Tensor wHh = param("weight_hh", Init.uniform(rng, bound, 4 * h, h));
        Tensor bIh = param("bias_ih", Init.uniform(rng, bound, 4 * h));
        Tensor bHh = param("bias_hh", Init.uniform(rng, bound, 4 * h));
        Tensor peep = b.peepholes ? param("weight_peephole", Init.uniform(rng, bound, 3, h)) : null;
        p = new LstmParams(b.inputSize, h, wIh, wHh, bIh, bHh, peep);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One step: {@code x (N, F)}, {@code h, c (N, H)} to {@code [h', c']}. */
    public Tensor[] step(Tensor x, Tensor h, Tensor c) {
        return step(p, x, h, c);
    }

    static Tensor[] step(LstmParams p, Tensor x, Tensor h, Tensor c) {
        int hid = p.hiddenSize();
        Tensor pre = Linalg.linear(x, p.wIh(), p.bIh()).add(Linalg.linear(h, p.wHh(), p.bHh()));
        Tensor[] a = Reshape.split(pre, 1, hid, hid, hid, hid);
        Tensor ai = a[0];
        Tensor af = a[1];
        Tensor ao = a[3];
        if (p.peep() != null) {
            ai = ai.add(c.mul(Reshape.select(p.peep(), 0, 0)));
            af = af.add(c.mul(Reshape.select(p.peep(), 0, 1)));
        }
        Tensor cNew = af.sigmoid().mul(c).add(ai.sigmoid().mul(a[2].tanh()));
        if (p.peep() != null) ao = ao.add(cNew.mul(Reshape.select(p.peep(), 0, 2)));
        Tensor hNew = ao.sigmoid().mul(cNew.tanh());
        return new Tensor[] {hNew, cNew};
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        return runSequence("LstmCell", p, x, lengths, initial);
    }

    /** The composed reference over a sequence, with masking of padded steps through ops. */
    static RnnOutput runSequence(String who, LstmParams p, Tensor x, int[] lengths, RnnState initial) {
        Lengths.checkSequence(who, x, p.inputSize());
        int t = x.size(0);
        int n = x.size(1);
        int[] lens = Lengths.resolve(lengths, t, n);
        Tensor[] hc = initialState(who, initial, n, p.hiddenSize());
        List<Tensor> outs = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            Tensor[] next = step(p, Reshape.select(x, 0, s), hc[0], hc[1]);
            if (Lengths.allValid(lens, s)) {
                hc = next;
                outs.add(next[0]);
                continue;
            }
            Tensor m = Lengths.stepMask(lens, s);
            Tensor keep = Tensor.ones(n, 1).sub(m);
            outs.add(next[0].mul(m));
            hc = new Tensor[] {next[0].mul(m).add(hc[0].mul(keep)), next[1].mul(m).add(hc[1].mul(keep))};
        }
        Tensor y = t == 0 ? Tensor.zeros(0, n, p.hiddenSize()) : Reshape.stack(0, outs.toArray(new Tensor[0]));
        return new RnnOutput(y, new RnnState(hc));
    }

    /** The {@code [h, c]} to start from, validated, or zeros. */
    static Tensor[] initialState(String who, RnnState initial, int n, int hid) {
        if (initial == null) return new Tensor[] {Tensor.zeros(n, hid), Tensor.zeros(n, hid)};
        if (initial.size() != 2) throw new IllegalArgumentException(who + ": LSTM state has 2 parts [h, c], got " + initial.size());
        Lengths.checkState(who, "h", initial.part(0), n, hid);
        Lengths.checkState(who, "c", initial.part(1), n, hid);
        return new Tensor[] {initial.part(0), initial.part(1)};
    }

    @Override
    public int outputSize() {
        return p.hiddenSize();
    }

    @Override
    public RnnState zeroState(int n) {
        return new RnnState(Tensor.zeros(n, p.hiddenSize()), Tensor.zeros(n, p.hiddenSize()));
    }

    /** Settings of an {@link LstmCell}. */
    public static final class Builder extends RnnBuilder<Builder> {
        private boolean peepholes;

        /** Adds the diagonal peephole connections of Gers &amp; Schmidhuber. */
        public Builder optPeepholes(boolean on) {
            this.peepholes = on;
            return this;
        }

        public LstmCell build() {
            requireSizes("LstmCell");
            return new LstmCell(this);
        }
    }
}
