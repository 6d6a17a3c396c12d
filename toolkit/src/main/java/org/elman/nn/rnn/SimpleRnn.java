package org.elman.nn.rnn;

import java.util.Random;
import org.elman.nn.Init;
import org.elman.nn.Module;
import org.elman.ops.Linalg;
import org.elman.tensor.Tensor;

/**
 * The conventional ("vanilla") recurrent layer, which is also the hidden layer of Elman's simple
 * recurrent network (Elman 1990, "Finding structure in time"): the context units are the previous
 * hidden state.
 *
 * <pre>
 *   h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)      act = tanh (default) or ReLU
 * </pre>
 *
 * Shapes: input {@code x (T, N, F)}, output {@code (T, N, H)} (the h_t), state {@code [h (N, H)]}.
 * Parameters follow PyTorch's {@code nn.RNN} layout and initialisation (every entry
 * {@code U(-1/sqrt(H), 1/sqrt(H))}): {@code weight_ih (H, F)}, {@code weight_hh (H, H)},
 * {@code bias_ih (H)}, {@code bias_hh (H)} (PyTorch's names with the {@code _l0} suffix dropped).
 * Padded steps ({@code t >= lengths[n]}) keep h, output zeros and get no gradient.
 *
 * <p>Deviations: Elman's network copies the hidden units into context units with a fixed weight
 * of 1, which is exactly feeding {@code h_{t-1}} back through {@code W_hh}; the two biases are
 * PyTorch's (one would do). The input projection {@code W_ih x_t + b_ih} runs for all steps as
 * one GEMM; the recurrence runs step by step through autodiff ops.
 *
 * <pre>{@code
 * SimpleRnn rnn = SimpleRnn.builder().setInputSize(40).setHiddenSize(128).build();
 * RnnOutput out = rnn.forward(x, lengths, null);   // x (T, N, 40)
 * Tensor h = out.output();                         // (T, N, 128)
 * }</pre>
 */
public final class SimpleRnn extends Module implements Recurrent {
    private final int inputSize;
    private final int hiddenSize;
    private final Activation activation;
    private final Tensor weightIh;
    private final Tensor weightHh;
    private final Tensor biasIh;
    private final Tensor biasHh;

    private SimpleRnn(Builder b) {
        inputSize = b.inputSize;
        hiddenSize = b.hiddenSize;
        activation = b.activation;
        Random rng = new Random(b.seed);
        float bound = (float) (1 / Math.sqrt(hiddenSize));
        weightIh = param("weight_ih", Init.uniform(rng, bound, hiddenSize, inputSize));
        weightHh = param("weight_hh", Init.uniform(rng, bound, hiddenSize, hiddenSize));
        biasIh = b.bias ? param("bias_ih", Init.uniform(rng, bound, hiddenSize)) : null;
        biasHh = b.bias ? param("bias_hh", Init.uniform(rng, bound, hiddenSize)) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        ElmanLoop.checkInput("SimpleRnn", x, inputSize);
        int t = x.size(0);
        int n = x.size(1);
        int[] lens = ElmanLoop.checkLengths("SimpleRnn", lengths, t, n);
        Tensor[] h0 = ElmanLoop.initialState("SimpleRnn", initial, n, hiddenSize);
        Tensor[] projected = ElmanLoop.unstack(Linalg.linear(x, weightIh, biasIh));
        return ElmanLoop.run(t, n, lens, h0, hiddenSize, (step, state) -> {
            Tensor h = step(projected[step], state[0]);
            return new ElmanLoop.Step(new Tensor[] {h}, h);
        });
    }

    /** One step from an already projected input: {@code act(projected + W_hh h + b_hh)}. */
    Tensor step(Tensor projected, Tensor h) {
        return activation.apply(projected.add(Linalg.linear(h, weightHh, biasHh)));
    }

    @Override
    public int outputSize() {
        return hiddenSize;
    }

    @Override
    public RnnState zeroState(int n) {
        return new RnnState(Tensor.zeros(n, hiddenSize));
    }

    public int inputSize() {
        return inputSize;
    }

    public Activation activation() {
        return activation;
    }

    /** Settings for {@link SimpleRnn}; {@code setX} are required, {@code optX} optional. */
    public static final class Builder extends RnnBuilder<Builder> {
        private Activation activation = Activation.TANH;
        private boolean bias = true;

        private Builder() {}

        /** TANH (default) or RELU. */
        public Builder optActivation(Activation a) {
            activation = a;
            return this;
        }

        /** Whether to have {@code b_ih, b_hh} (default true). */
        public Builder optBias(boolean b) {
            bias = b;
            return this;
        }

        public SimpleRnn build() {
            requireSizes("SimpleRnn");
            if (activation != Activation.TANH && activation != Activation.RELU) {
                throw new IllegalArgumentException("SimpleRnn: activation must be TANH or RELU, got " + activation);
            }
            return new SimpleRnn(this);
        }
    }
}
