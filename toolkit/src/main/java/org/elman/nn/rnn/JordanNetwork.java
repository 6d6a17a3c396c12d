package org.elman.nn.rnn;

import java.util.Random;
import org.elman.nn.Init;
import org.elman.nn.Module;
import org.elman.ops.Linalg;
import org.elman.tensor.Tensor;

/**
 * Jordan's network (Jordan 1986, "Serial order: a parallel distributed processing approach"): the
 * state fed back is the previous OUTPUT, not the hidden layer.
 *
 * <pre>
 *   h_t = act(W_ih x_t + W_yh s_{t-1} + b_h)
 *   y_t = g(W_hy h_t + b_y)
 *   s_t = mu * s_{t-1} + y_t          (mu = 0 by default, so s_t = y_t)
 * </pre>
 *
 * Shapes: input {@code x (T, N, F)}, output {@code y (T, N, O)}, state {@code [s (N, O)]}, the
 * fed-back output. Parameters: {@code weight_ih (H, F)}, {@code weight_yh (H, O)}, {@code bias_h
 * (H)}, {@code weight_hy (O, H)}, {@code bias_y (O)}, all {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}.
 * Padded steps keep s, output zeros and get no gradient.
 *
 * <p>Deviations from the paper: Jordan's state units also had self-connections (the decay mu,
 * here optional and fixed, not learned) and were driven by the target outputs during learning;
 * here the network always feeds back its own output and is trained by BPTT. The default output
 * activation is sigmoid, bounded like Jordan's units, so the fed-back state stays in (0, 1).
 *
 * <pre>{@code
 * JordanNetwork net = JordanNetwork.builder().setInputSize(4).setHiddenSize(8).setOutputSize(4).build();
 * RnnOutput out = net.forward(x);   // out.output() (T, N, 4); out.state().part(0) = y_{T-1}
 * }</pre>
 */
public final class JordanNetwork extends Module implements Recurrent {
    private final int inputSize;
    private final int outputSize;
    private final float decay;
    private final Activation activation;
    private final Activation outputActivation;
    private final Tensor weightIh;
    private final Tensor weightYh;
    private final Tensor biasH;
    private final Tensor weightHy;
    private final Tensor biasY;

    private JordanNetwork(Builder b) {
        inputSize = b.inputSize;
        outputSize = b.outputSize;
        decay = b.decay;
        activation = b.activation;
        outputActivation = b.outputActivation;
        Random rng = new Random(b.seed);
        float inBound = (float) (1 / Math.sqrt(b.inputSize + b.outputSize));
        float hBound = (float) (1 / Math.sqrt(b.hiddenSize));
        weightIh = param("weight_ih", Init.uniform(rng, inBound, b.hiddenSize, b.inputSize));
        weightYh = param("weight_yh", Init.uniform(rng, inBound, b.hiddenSize, b.outputSize));
        biasH = param("bias_h", Init.uniform(rng, inBound, b.hiddenSize));
        weightHy = param("weight_hy", Init.uniform(rng, hBound, b.outputSize, b.hiddenSize));
        biasY = param("bias_y", Init.uniform(rng, hBound, b.outputSize));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RnnOutput forward(Tensor x, int[] lengths, RnnState initial) {
        ElmanLoop.checkInput("JordanNetwork", x, inputSize);
        int t = x.size(0);
        int n = x.size(1);
        int[] lens = ElmanLoop.checkLengths("JordanNetwork", lengths, t, n);
        Tensor[] s0 = ElmanLoop.initialState("JordanNetwork", initial, n, outputSize);
        Tensor[] projected = ElmanLoop.unstack(Linalg.linear(x, weightIh, biasH));
        return ElmanLoop.run(t, n, lens, s0, outputSize, (step, state) -> {
            Tensor h = activation.apply(projected[step].add(Linalg.linear(state[0], weightYh, null)));
            Tensor y = outputActivation.apply(Linalg.linear(h, weightHy, biasY));
            Tensor s = decay == 0f ? y : state[0].mul(decay).add(y);
            return new ElmanLoop.Step(new Tensor[] {s}, y);
        });
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public RnnState zeroState(int n) {
        return new RnnState(Tensor.zeros(n, outputSize));
    }

    /** Settings for {@link JordanNetwork}; {@code setX} are required, {@code optX} optional. */
    public static final class Builder extends RnnBuilder<Builder> {
        private int outputSize = -1;
        private float decay = 0f;
        private Activation activation = Activation.TANH;
        private Activation outputActivation = Activation.SIGMOID;

        private Builder() {}

        /** O, output units, also the size of the fed-back state (required, > 0). */
        public Builder setOutputSize(int o) {
            outputSize = o;
            return this;
        }

        /** Self-connection mu of the state units, in [0, 1) (default 0). */
        public Builder optStateDecay(float mu) {
            decay = mu;
            return this;
        }

        /** Hidden activation (default TANH). */
        public Builder optActivation(Activation a) {
            activation = a;
            return this;
        }

        /** Output activation g, also what is fed back (default SIGMOID). */
        public Builder optOutputActivation(Activation g) {
            outputActivation = g;
            return this;
        }

        public JordanNetwork build() {
            requireSizes("JordanNetwork");
            if (outputSize <= 0) throw new IllegalArgumentException("JordanNetwork: output size (setOutputSize) must be set and > 0, got " + outputSize);
            if (!(decay >= 0f && decay < 1f)) throw new IllegalArgumentException("JordanNetwork: state decay must be in [0, 1), got " + decay);
            if (activation == null || outputActivation == null) throw new IllegalArgumentException("JordanNetwork: activations must not be null");
            return new JordanNetwork(this);
        }
    }
}
