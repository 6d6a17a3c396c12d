package org.elman.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.nn.Module;
import org.elman.tensor.Tensor;

/**
 * Recurrent layers applied one after another: layer k reads layer k-1's output sequence. In
 * training mode, dropout with probability p (inverted: kept values scaled by 1/(1-p)) is applied
 * between layers (never after the last), with masks drawn from a seeded generator so runs
 * repeat. State: the layers' parts concatenated in layer order. Children are registered as
 * {@code 0, 1, ...}. Output {@code (T, N, H_last)}; padded steps stay zero.
 *
 * <pre>{@code
 * Stacked s = Stacked.builder().addLayer(lstm1).addLayer(lstm2).optDropout(0.2f).build();
 * RnnOutput out = s.forward(x, lengths, null);
 * }</pre>
 */
public final class Stacked extends Module implements Recurrent {
    private final List<Recurrent> layers;
    private final float dropout;
    private final Random rng;

    private Stacked(Builder b) {
        this.layers = List.copyOf(b.layers);
        this.dropout = b.dropout;
        this.rng = new Random(b.seed);
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) instanceof Module) child(Integer.toString(k), (Module) layers.get(k));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Recurrent> layers() {
        return layers;
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        int n = x.dim() == 3 ? x.size(1) : -1;
        int[] counts = new int[layers.size()];
        int total = 0;
        for (int k = 0; k < counts.length; k++) {
            counts[k] = layers.get(k).zeroState(Math.max(n, 0)).size();
            total += counts[k];
        }
        if (initial != null && initial.size() != total) {
            throw new IllegalArgumentException("Stacked: state has " + initial.size() + " parts, expected " + total);
        }
        Tensor in = x;
        RnnState[] states = new RnnState[layers.size()];
        int at = 0;
        for (int k = 0; k < layers.size(); k++) {
            RnnState s0 = initial == null ? null : initial.slice(at, counts[k]);
            at += counts[k];
            RnnOutput out = layers.get(k).forward(in, lengths, s0);
            states[k] = out.state();
            in = out.output();
            if (k + 1 < layers.size() && dropout > 0f && isTraining()) in = dropout(in);
        }
        return new RnnOutput(in, RnnState.concat(states));
    }

    private Tensor dropout(Tensor y) {
        float keep = 1f - dropout;
        float[] m = new float[y.numel()];
        synchronized (rng) {
            for (int i = 0; i < m.length; i++) m[i] = rng.nextFloat() < keep ? 1f / keep : 0f;
        }
        return y.mul(Tensor.of(m, y.shape()));
    }

    @Override
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    @Override
    public RnnState zeroState(int n) {
        RnnState[] s = new RnnState[layers.size()];
        for (int k = 0; k < s.length; k++) s[k] = layers.get(k).zeroState(n);
        return RnnState.concat(s);
    }

    /** Settings of a {@link Stacked}. */
    public static final class Builder {
        private final List<Recurrent> layers = new ArrayList<>();
        private float dropout;
        private long seed;

        /** Appends a layer; its input size must match the previous layer's output size. */
        public Builder addLayer(Recurrent layer) {
            if (layer == null) throw new IllegalArgumentException("Stacked: layer must not be null");
            layers.add(layer);
            return this;
        }

        /** Dropout probability in [0, 1) between layers in training mode (default 0). */
        public Builder optDropout(float p) {
            this.dropout = p;
            return this;
        }

        /** Seed of the dropout masks (default 0). */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        public Stacked build() {
            if (layers.isEmpty()) throw new IllegalArgumentException("Stacked: at least one layer is required");
            if (!(dropout >= 0f && dropout < 1f)) throw new IllegalArgumentException("Stacked: dropout must be in [0, 1), got " + dropout);
            return new Stacked(this);
        }
    }
}
