package org.elman.models.seq2seq;

import java.util.Random;
import org.elman.nn.Embedding;
import org.elman.nn.Linear;
import org.elman.nn.Module;
import org.elman.nn.rnn.LstmCell;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;

/**
 * The attention decoder of {@link Seq2SeqCtcModel}: one LSTM cell fed with the previous token's
 * embedding and the current attention context, and a linear output over the tokens.
 * <pre>
 *   c_i, alpha_i = attend(h, s_{i-1})                       (AdditiveAttention)
 *   s_i, m_i = LSTMCell([E y_{i-1}; c_i], s_{i-1}, m_{i-1})
 *   logits_i = W_o [s_i; c_i] + b_o                          (N, V)
 * </pre>
 * {@code y_0} is the start symbol. Token id 0 (the CTC blank, never a label) doubles as the start
 * and end symbol, so the decoder's output size is the same V as the CTC head's (ESPnet adds a
 * separate {@code <sos/eos>} id instead).
 */
public final class AttentionDecoder extends Module {
    /** The id used as start and end of sentence. */
    public static final int SOS_EOS = 0;

    private final Embedding embed;
    private final LstmCell cell;
    private final AdditiveAttention attention;
    private final Linear output;
    private final int hidden;
    private final int encoderDim;

    AttentionDecoder(int vocab, int encoderDim, int embedDim, int hidden, int attentionDim, Random rng) {
        this.hidden = hidden;
        this.encoderDim = encoderDim;
        embed = child("embed", Embedding.builder().setNumEmbeddings(vocab).setDim(embedDim).optRandom(rng).build());
        cell = child("lstm", LstmCell.builder().setInputSize(embedDim + encoderDim).setHiddenSize(hidden).optSeed(rng.nextLong()).build());
        attention = child("attention", new AdditiveAttention(encoderDim, hidden, attentionDim, rng));
        output = child("output", Linear.builder().setInFeatures(hidden + encoderDim).setOutFeatures(vocab).optRandom(rng).build());
    }

    /** Decoder state {@code s, m}, each {@code (N, hidden)}. */
    public record State(Tensor h, Tensor c) {}

    /** One step's output: logits {@code (N, V)}, the new state and the attention weights {@code (T, N)}. */
    public record Step(Tensor logits, State state, Tensor weights) {}

    /** The encoder side of attention, computed once per utterance. */
    public record Memory(Tensor encoder, Tensor projected, Tensor mask) {}

    Memory memory(Tensor encoder, int[] lengths) {
        return new Memory(encoder, attention.project(encoder), AdditiveAttention.mask(encoder.size(0), lengths));
    }

    State zeroState(int n) {
        return new State(Tensor.zeros(n, hidden), Tensor.zeros(n, hidden));
    }

    /** One step for a batch of N previous tokens. */
    Step step(Memory mem, int[] previous, State s) {
        AdditiveAttention.Attended a = attention.attend(mem.encoder(), mem.projected(), mem.mask(), s.h());
        Tensor in = Reshape.concat(1, embed.forward(previous), a.context());
        Tensor[] hc = cell.step(in, s.h(), s.c());
        Tensor logits = output.forward(Reshape.concat(1, hc[0], a.context()));
        return new Step(logits, new State(hc[0], hc[1]), a.weights());
    }

    int encoderDim() {
        return encoderDim;
    }
}
