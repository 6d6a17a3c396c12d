package org.elman.nn.rnn;

import java.util.Random;
import java.util.function.IntFunction;
import org.elman.nn.Init;
import org.elman.nn.Module;
import org.elman.ops.Linalg;
import org.elman.tensor.Tensor;

/**
 * Deep-output RNN (DO-RNN of Pascanu, Gulcehre, Cho and Bengio 2014, "How to construct deep
 * recurrent neural networks"): an MLP of L layers between the recurrent state {@code h_t} and the
 * output {@code y_t}.
 *
 * <pre>
 *   h_t = core(x_t, h_{t-1})                        a SimpleRnn by default, or any Recurrent
 *   z_1 = act(V_1 h_t + c_1),  z_l = act(V_l z_{l-1} + c_l)   l = 2..L-1
 *   y_t = g(V_L z_{L-1} + c_L)                      g = identity by default
 * </pre>
 *
 * Shapes: input {@code x (T, N, F)}, output {@code y (T, N, O)}, state: the core's (for the default
 * core {@code [h (N, H)]}). Parameters: {@code core.*} and {@code output{l}_weight}, {@code
 * output{l}_bias} for {@code l = 1..L} (intermediate width S, default H). The output MLP does not
 * feed back, so each of its layers runs over all steps as one GEMM; padded steps output zeros.
 *
 * <p>Deviations from the paper: none in the structure; any {@link Recurrent} that is a {@link
 * Module} (an LSTM, a stack, a {@link DeepTransitionRnn} for a DOT-RNN) can be the core.
 *
 * <pre>{@code
 * DeepOutputRnn rnn = DeepOutputRnn.builder().setInputSize(40).setHiddenSize(128)
 *         .setOutputSize(29).optOutputDepth(3).build();
 * Tensor logits = rnn.forward(x).output();   // (T, N, 29)
 * }</pre>
 */
public final class DeepOutputRnn extends Module implements Recurrent {
    private final Recurrent core;
    private final Activation activation;
    private final Activation outputActivation;
    private final Tensor[] weights;
    private final Tensor[] biases;
    private final int outputSize;

    private DeepOutputRnn(Builder b, Recurrent core) {
        this.core = core;
        child("core", (Module) core);
        activation = b.activation;
        outputActivation = b.outputActivation;
        outputSize = b.outputSize;
        weights = new Tensor[b.depth];
        biases = new Tensor[b.depth];
        Random rng = new Random(b.seed + 1);
        int in = core.outputSize();
        int width = b.layerSize > 0 ? b.layerSize : in;
        for (int l = 0; l < b.depth; l++) {
            int out = l == b.depth - 1 ? b.outputSize : width;
            float bound = (float) (1 / Math.sqrt(in));
            weights[l] = param("output" + (l + 1) + "_weight", Init.uniform(rng, bound, out, in));
            biases[l] = param("output" + (l + 1) + "_bias", Init.uniform(rng, bound, out));
            in = out;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        RnnOutput h = core.forward(x, lengths, initial);
        int[] lens = ElmanLoop.checkLengths("DeepOutputRnn", lengths, x.size(0), x.size(1));
        Tensor z = h.output();
        for (int l = 0; l < weights.length; l++) {
            Activation a = l == weights.length - 1 ? outputActivation : activation;
            z = a.apply(Linalg.linear(z, weights[l], biases[l]));
        }
        return new RnnOutput(ElmanLoop.maskSequence(z, lens), h.state());
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public RnnState zeroState(int n) {
        return core.zeroState(n);
    }

    /** The recurrent core producing h_t. */
    public Recurrent core() {
        return core;
    }

    /**
     * Settings for {@link DeepOutputRnn}; {@code setX} are required, {@code optX} optional, except
     * that {@code setHiddenSize} (H of the default {@link SimpleRnn} core) is not needed with {@link #optCore}.
     */
    public static final class Builder extends RnnBuilder<Builder> {
        private int outputSize = -1;
        private int depth = 2;
        private int layerSize = -1;
        private IntFunction<Recurrent> coreFactory;
        private Activation activation = Activation.TANH;
        private Activation outputActivation = Activation.IDENTITY;

        private Builder() {}

        /** O (required, > 0). */
        public Builder setOutputSize(int o) {
            outputSize = o;
            return this;
        }

        /** L >= 1, layers from h_t to y_t (default 2; 1 is Elman's single output layer). */
        public Builder optOutputDepth(int l) {
            depth = l;
            return this;
        }

        /** S, width of the intermediate output layers (default: the core's output size). */
        public Builder optOutputLayerSize(int s) {
            layerSize = s;
            return this;
        }

        /** Builds the core for input size F; what it returns must be a {@link Module}. */
        public Builder optCore(IntFunction<Recurrent> factory) {
            coreFactory = factory;
            return this;
        }

        /** Activation of the core (default core only) and the intermediate output layers (default TANH). */
        public Builder optActivation(Activation a) {
            activation = a;
            return this;
        }

        /** Activation g of the last output layer (default IDENTITY). */
        public Builder optOutputActivation(Activation g) {
            outputActivation = g;
            return this;
        }

        public DeepOutputRnn build() {
            requireInputSize("DeepOutputRnn");
            if (outputSize <= 0) throw new IllegalArgumentException("DeepOutputRnn: output size must be set and > 0, got " + outputSize);
            if (depth < 1) throw new IllegalArgumentException("DeepOutputRnn: output depth must be >= 1, got " + depth);
            if (layerSize == 0 || layerSize < -1) throw new IllegalArgumentException("DeepOutputRnn: output layer size must be > 0, got " + layerSize);
            if (activation == null || outputActivation == null) throw new IllegalArgumentException("DeepOutputRnn: activations must not be null");
            return new DeepOutputRnn(this, makeCore());
        }

        private Recurrent makeCore() {
            if (coreFactory == null) {
                if (hiddenSize <= 0) throw new IllegalArgumentException("DeepOutputRnn: hidden size must be set and > 0 (or give optCore), got " + hiddenSize);
                return SimpleRnn.builder().setInputSize(inputSize).setHiddenSize(hiddenSize).optActivation(activation).optSeed(seed).build();
            }
            Recurrent core = coreFactory.apply(inputSize);
            if (!(core instanceof Module)) {
                throw new IllegalArgumentException("DeepOutputRnn: the core must be a Module so its parameters are registered, got "
                        + (core == null ? "null" : core.getClass().getName()));
            }
            return core;
        }
    }
}
