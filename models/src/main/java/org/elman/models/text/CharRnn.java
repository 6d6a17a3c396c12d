package org.elman.models.text;

import java.util.Random;
import org.elman.autograd.GradMode;
import org.elman.nn.Embedding;
import org.elman.nn.Linear;
import org.elman.nn.Module;
import org.elman.nn.rnn.Lstm;
import org.elman.nn.rnn.RnnOutput;
import org.elman.nn.rnn.RnnState;
import org.elman.nn.rnn.Stacked;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;

/**
 * A character-level language model (Karpathy's char-rnn): embedding, stacked LSTM, linear read-out
 * to next-character logits.
 *
 * <pre>
 *   e_t = E[x_t]                    (T, N, D)
 *   h_t = LSTM(e_t, h_{t-1})        (T, N, H)
 *   z_t = W h_t + b                 (T, N, V)   logits of x_{t+1}
 * </pre>
 */
public final class CharRnn extends Module {
    private final Embedding embedding;
    private final Stacked lstm;
    private final Linear readout;
    private final int vocabSize;

    private CharRnn(Builder b) {
        Random rng = new Random(b.seed);
        this.vocabSize = b.vocabSize;
        embedding = child("embedding", Embedding.builder().setNumEmbeddings(b.vocabSize).setDim(b.embeddingDim)
                .optRandom(rng).build());
        lstm = child("lstm", Lstm.builder().setInputSize(b.embeddingDim).setHiddenSize(b.hiddenSize)
                .optLayers(b.layers).optSeed(b.seed + 1).buildStack());
        readout = child("readout", Linear.builder().setInFeatures(b.hiddenSize).setOutFeatures(b.vocabSize)
                .optRandom(rng).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Logits {@code (T, N, V)} for tokens given row-major as {@code (T, N)}, and the state after. */
    public RnnOutput forward(int[] tokens, int steps, int batch, RnnState state) {
        Tensor e = embedding.forward(tokens, steps, batch);
        RnnOutput h = lstm.forward(e, null, state);
        return new RnnOutput(readout.forward(h.output()), h.state());
    }

    /** The state for a batch of {@code n} streams before any input. */
    public RnnState zeroState(int n) {
        return lstm.zeroState(n);
    }

    public int vocabSize() {
        return vocabSize;
    }

    /**
     * Generates {@code length} characters after {@code prime} by sampling from the softmax of the
     * logits divided by {@code temperature} (0 means greedy).
     */
    public String sample(CharVocabulary vocab, String prime, int length, float temperature, Random rng) {
        if (prime.isEmpty()) throw new IllegalArgumentException("sampling needs at least one prime character");
        StringBuilder out = new StringBuilder(prime);
        try (GradMode.Scope s = GradMode.noGrad()) {
            RnnState state = zeroState(1);
            int[] primeIds = vocab.encode(prime);
            RnnOutput o = forward(primeIds, primeIds.length, 1, state);
            for (int i = 0; i < length; i++) {
                int t = o.output().size(0) - 1;
                int next = pick(o.output(), t, temperature, rng);
                out.append(vocab.charAt(next));
                o = forward(new int[] {next}, 1, 1, o.state());
            }
        }
        return out.toString();
    }

    private int pick(Tensor logits, int t, float temperature, Random rng) {
        float[] row = logits.rows(t, 1).toArray();
        if (temperature <= 0f) {
            int best = 0;
            for (int j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
            return best;
        }
        for (int j = 0; j < row.length; j++) row[j] /= temperature;
        float[] p = Softmax.softmax(Tensor.of(row, row.length), 0).toArray();
        double u = rng.nextDouble();
        double acc = 0;
        for (int j = 0; j < p.length; j++) {
            acc += p[j];
            if (u < acc) return j;
        }
        return p.length - 1;
    }

    /** Settings of a {@link CharRnn}. */
    public static final class Builder {
        private int vocabSize;
        private int embeddingDim = 32;
        private int hiddenSize = 256;
        private int layers = 1;
        private long seed = 1;

        public Builder setVocabSize(int v) {
            this.vocabSize = v;
            return this;
        }

        public Builder optEmbeddingDim(int d) {
            this.embeddingDim = d;
            return this;
        }

        public Builder optHiddenSize(int h) {
            this.hiddenSize = h;
            return this;
        }

        public Builder optLayers(int n) {
            this.layers = n;
            return this;
        }

        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        public CharRnn build() {
            if (vocabSize < 2) throw new IllegalArgumentException("CharRnn: vocabSize must be set and at least 2, got " + vocabSize);
            if (embeddingDim <= 0 || hiddenSize <= 0 || layers <= 0) {
                throw new IllegalArgumentException("CharRnn: embeddingDim, hiddenSize and layers must be positive");
            }
            return new CharRnn(this);
        }
    }
}
