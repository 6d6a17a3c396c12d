package org.elman.models.seq2seq;

import java.util.Random;
import org.elman.nn.Linear;
import org.elman.nn.Module;
import org.elman.ops.Reduce;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;

/**
 * Additive ("Bahdanau") attention (Bahdanau, Cho and Bengio 2015):
 * <pre>
 *   e[t, n] = v^T tanh(W_enc h[t, n] + W_dec s[n] + b)
 *   alpha[:, n] = softmax_t(e[:, n] + mask[:, n])       mask 0 for valid frames, -1e9 for padding
 *   context[n] = sum_t alpha[t, n] h[t, n]
 * </pre>
 * Shapes: encoder output {@code h (T, N, D)}, decoder state {@code s (N, S)}, attention dimension
 * A, weights {@code alpha (T, N)}, context {@code (N, D)}. {@code W_enc h} does not depend on the
 * decoder step and is computed once per utterance ({@link #project}). Deviation from the paper:
 * the decoder state used is the one before the step (as ESPnet's {@code AttAdd}), and the energy
 * has no bias inside {@code v}.
 */
public final class AdditiveAttention extends Module {
    private final Linear encProj;
    private final Linear decProj;
    private final Linear score;

    public AdditiveAttention(int encoderDim, int decoderDim, int attentionDim, Random rng) {
        encProj = child("enc", Linear.builder().setInFeatures(encoderDim).setOutFeatures(attentionDim).optBias(false).optRandom(rng).build());
        decProj = child("dec", Linear.builder().setInFeatures(decoderDim).setOutFeatures(attentionDim).optRandom(rng).build());
        score = child("v", Linear.builder().setInFeatures(attentionDim).setOutFeatures(1).optBias(false).optRandom(rng).build());
    }

    /** Context and weights of one step. */
    public record Attended(Tensor context, Tensor weights) {}

    /** {@code W_enc h}: {@code (T, N, D) -> (T, N, A)}, once per utterance. */
    public Tensor project(Tensor encoder) {
        return encProj.forward(encoder);
    }

    /** A {@code (T, N)} additive mask: 0 where {@code t < lengths[n]}, -1e9 elsewhere. */
    public static Tensor mask(int t, int[] lengths) {
        int n = lengths.length;
        float[] m = new float[t * n];
        for (int j = 0; j < t; j++) {
            for (int b = 0; b < n; b++) m[j * n + b] = j < lengths[b] ? 0f : -1e9f;
        }
        return Tensor.of(m, t, n);
    }

    /**
     * @param encoder   {@code h (T, N, D)}
     * @param projected {@link #project}{@code (h)}
     * @param mask      {@link #mask} for the batch
     * @param state     decoder state {@code s (N, S)}
     */
    public Attended attend(Tensor encoder, Tensor projected, Tensor mask, Tensor state) {
        int t = encoder.size(0);
        int n = encoder.size(1);
        Tensor q = decProj.forward(state).reshape(1, n, projected.size(2));
        Tensor e = score.forward(projected.add(q).tanh()).reshape(t, n).add(mask);
        Tensor alpha = Softmax.softmax(e, 0);
        Tensor context = Reduce.sum(alpha.reshape(t, n, 1).mul(encoder), 0, false);
        return new Attended(context, alpha);
    }
}
