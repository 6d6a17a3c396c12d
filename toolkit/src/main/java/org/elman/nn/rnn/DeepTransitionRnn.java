package org.elman.nn.rnn;

import java.util.Random;
import org.elman.nn.Init;
import org.elman.nn.Module;
import org.elman.ops.Linalg;
import org.elman.tensor.Tensor;

/**
 * Deep-transition RNN (DT-RNN of Pascanu, Gulcehre, Cho and Bengio 2014, "How to construct deep
 * recurrent neural networks"): the transition from {@code h_{t-1}} to {@code h_t} is an MLP of L
 * nonlinear layers instead of one.
 *
 * <pre>
 *   z_1 = act(W_ih x_t + W_hh h_{t-1} + b_1)
 *   z_l = act(W_l z_{l-1} + b_l)          l = 2..L
 *   h_t = z_L
 * </pre>
 *
 * With L = 1 this is a {@link SimpleRnn} (with one bias). Shapes: input {@code x (T, N, F)},
 * output {@code (T, N, H)} (the h_t), state {@code [h (N, H)]}; the intermediate layers {@code
 * z_1..z_{L-1}} have width S (default H). Parameters: {@code weight_ih (S, F)}, {@code weight_hh
 * (S, H)}, {@code bias (S)}, and {@code transition{l}_weight}, {@code transition{l}_bias} for
 * {@code l = 2..L} (the last is {@code (H, S)}); {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}.
 * Padded steps keep h, output zeros and get no gradient.
 *
 * <p>Deviations from the paper: the DT(S)-RNN shortcut connections are not included, and the
 * same activation is used in every transition layer.
 *
 * <pre>{@code
 * DeepTransitionRnn rnn = DeepTransitionRnn.builder().setInputSize(40).setHiddenSize(128)
 *         .setTransitionDepth(3).build();
 * Tensor h = rnn.forward(x).output();   // (T, N, 128)
 * }</pre>
 */
public final class DeepTransitionRnn extends Module implements Recurrent {
    private final int inputSize;
    private final int hiddenSize;
    private final Activation activation;
    private final Tensor weightIh;
    private final Tensor weightHh;
    private final Tensor bias;
    private final Tensor[] weights;
    private final Tensor[] biases;

    private DeepTransitionRnn(Builder b) {
        inputSize = b.inputSize;
        hiddenSize = b.hiddenSize;
        activation = b.activation;
        int first = b.depth == 1 ? b.hiddenSize : b.transitionSize;
        Random rng = new Random(b.seed);
        float bound = (float) (1 / Math.sqrt(b.hiddenSize));
        weightIh = param("weight_ih", Init.uniform(rng, bound, first, b.inputSize));
        weightHh = param("weight_hh", Init.uniform(rng, bound, first, b.hiddenSize));
        bias = param("bias", Init.uniform(rng, bound, first));
        weights = new Tensor[b.depth - 1];
        biases = new Tensor[b.depth - 1];
        float innerBound = (float) (1 / Math.sqrt(b.transitionSize));
        for (int l = 0; l < weights.length; l++) {
            int out = l == weights.length - 1 ? b.hiddenSize : b.transitionSize;
            weights[l] = param("transition" + (l + 2) + "_weight", Init.uniform(rng, innerBound, out, b.transitionSize));
            biases[l] = param("transition" + (l + 2) + "_bias", Init.uniform(rng, innerBound, out));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        ElmanLoop.checkInput("DeepTransitionRnn", x, inputSize);
        int t = x.size(0);
        int n = x.size(1);
        int[] lens = ElmanLoop.checkLengths("DeepTransitionRnn", lengths, t, n);
        Tensor[] h0 = ElmanLoop.initialState("DeepTransitionRnn", initial, n, hiddenSize);
        Tensor[] projected = ElmanLoop.unstack(Linalg.linear(x, weightIh, bias));
        return ElmanLoop.run(t, n, lens, h0, hiddenSize, (step, state) -> {
            Tensor h = transition(projected[step], state[0]);
            return new ElmanLoop.Step(new Tensor[] {h}, h);
        });
    }

    private Tensor transition(Tensor projected, Tensor h) {
        Tensor z = activation.apply(projected.add(Linalg.linear(h, weightHh, null)));
        for (int l = 0; l < weights.length; l++) z = activation.apply(Linalg.linear(z, weights[l], biases[l]));
        return z;
    }

    @Override
    public int outputSize() {
        return hiddenSize;
    }

    @Override
    public RnnState zeroState(int n) {
        return new RnnState(Tensor.zeros(n, hiddenSize));
    }

    /** L, the number of nonlinear layers from h_{t-1} to h_t. */
    public int transitionDepth() {
        return weights.length + 1;
    }

    /** Settings for {@link DeepTransitionRnn}; {@code setX} are required, {@code optX} optional. */
    public static final class Builder extends RnnBuilder<Builder> {
        private int depth = -1;
        private int transitionSize = -1;
        private Activation activation = Activation.TANH;

        private Builder() {}

        /** L >= 1, nonlinear layers per transition (required). */
        public Builder setTransitionDepth(int l) {
            depth = l;
            return this;
        }

        /** S, width of the intermediate transition layers (default H). */
        public Builder optTransitionSize(int s) {
            transitionSize = s;
            return this;
        }

        /** Activation of every transition layer (default TANH). */
        public Builder optActivation(Activation a) {
            activation = a;
            return this;
        }

        public DeepTransitionRnn build() {
            requireSizes("DeepTransitionRnn");
            if (depth < 1) throw new IllegalArgumentException("DeepTransitionRnn: transition depth must be set and >= 1, got " + depth);
            if (transitionSize == -1) transitionSize = hiddenSize;
            if (transitionSize <= 0) throw new IllegalArgumentException("DeepTransitionRnn: transition size must be > 0, got " + transitionSize);
            if (activation == null) throw new IllegalArgumentException("DeepTransitionRnn: activation must not be null");
            return new DeepTransitionRnn(this);
        }
    }
}
