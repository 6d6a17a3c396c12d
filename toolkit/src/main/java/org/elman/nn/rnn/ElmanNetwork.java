package org.elman.nn.rnn;

import java.util.Random;
import org.elman.nn.Init;
import org.elman.nn.Module;
import org.elman.ops.Linalg;
import org.elman.tensor.Tensor;

/**
 * Elman's simple recurrent network (Elman 1990, "Finding structure in time"): a {@link SimpleRnn}
 * hidden layer whose context units hold {@code h_{t-1}}, and an output layer read from h_t.
 *
 * <pre>
 *   h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)     (child "hidden", a SimpleRnn)
 *   y_t = g(W_hy h_t + b_y)                              g = identity (default: logits), sigmoid, tanh...
 * </pre>
 *
 * Shapes: input {@code x (T, N, F)}, output {@code y (T, N, O)}, state {@code [h (N, H)]}.
 * Parameters: {@code hidden.weight_ih (H, F)}, {@code hidden.weight_hh (H, H)}, {@code
 * hidden.bias_ih}, {@code hidden.bias_hh (H)}, {@code weight_hy (O, H)}, {@code bias_y (O)}. The
 * output layer does not feed back, so it runs over all steps as one GEMM after the recurrence;
 * padded steps output zeros.
 *
 * <p>Deviations from the paper: Elman used sigmoid units and trained with one-step truncated
 * back-propagation; here the hidden activation is tanh or ReLU, g defaults to identity (pair it
 * with a softmax cross-entropy loss) and gradients flow through the whole sequence (BPTT).
 *
 * <pre>{@code
 * ElmanNetwork net = ElmanNetwork.builder().setInputSize(4).setHiddenSize(3).setOutputSize(4).build();
 * Tensor logits = net.forward(oneHot).output();   // (T, N, 4)
 * }</pre>
 */
public final class ElmanNetwork extends Module implements Recurrent {
    private final SimpleRnn hidden;
    private final Activation outputActivation;
    private final Tensor weightHy;
    private final Tensor biasY;
    private final int outputSize;

    private ElmanNetwork(Builder b) {
        hidden = child("hidden", SimpleRnn.builder().setInputSize(b.inputSize).setHiddenSize(b.hiddenSize)
                .optActivation(b.activation).optSeed(b.seed).build());
        outputActivation = b.outputActivation;
        outputSize = b.outputSize;
        Random rng = new Random(b.seed + 1);
        float bound = (float) (1 / Math.sqrt(b.hiddenSize));
        weightHy = param("weight_hy", Init.uniform(rng, bound, b.outputSize, b.hiddenSize));
        biasY = param("bias_y", Init.uniform(rng, bound, b.outputSize));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        RnnOutput h = hidden.forward(x, lengths, initial);
        int[] lens = ElmanLoop.checkLengths("ElmanNetwork", lengths, x.size(0), x.size(1));
        Tensor y = outputActivation.apply(Linalg.linear(h.output(), weightHy, biasY));
        return new RnnOutput(ElmanLoop.maskSequence(y, lens), h.state());
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public RnnState zeroState(int n) {
        return hidden.zeroState(n);
    }

    /** The recurrent hidden layer. */
    public SimpleRnn hidden() {
        return hidden;
    }

    /** Settings for {@link ElmanNetwork} (H: the hidden, or context, units); {@code setX} are required, {@code optX} optional. */
    public static final class Builder extends RnnBuilder<Builder> {
        private int outputSize = -1;
        private Activation activation = Activation.TANH;
        private Activation outputActivation = Activation.IDENTITY;

        private Builder() {}

        /** O, output units (required, > 0). */
        public Builder setOutputSize(int o) {
            outputSize = o;
            return this;
        }

        /** Hidden activation: TANH (default) or RELU. */
        public Builder optActivation(Activation a) {
            activation = a;
            return this;
        }

        /** Output activation g (default IDENTITY). */
        public Builder optOutputActivation(Activation g) {
            outputActivation = g;
            return this;
        }

        public ElmanNetwork build() {
            if (outputSize <= 0) throw new IllegalArgumentException("ElmanNetwork: output size must be set and > 0, got " + outputSize);
            if (outputActivation == null) throw new IllegalArgumentException("ElmanNetwork: output activation must not be null");
            requireSizes("ElmanNetwork");
            return new ElmanNetwork(this);
        }
    }
}
