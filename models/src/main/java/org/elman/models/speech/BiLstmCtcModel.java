package org.elman.models.speech;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.elman.nn.Conv1d;
import org.elman.nn.Linear;
import org.elman.nn.Module;
import org.elman.nn.rnn.Lstm;
import org.elman.nn.rnn.RnnOutput;
import org.elman.nn.rnn.RnnState;
import org.elman.nn.rnn.Stacked;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;

/**
 * A Deep Speech 2 style recurrent CTC model (Amodei et al. 2016; Graves et al. 2013): a
 * subsampling front end, a stack of (bi)LSTM layers, a linear layer to V and log-softmax.
 * <pre>
 *   u = front(x)                                    (T, N, F) -> (T', N, F')
 *   h = LSTM_L(... LSTM_1(u))                       (T', N, H) or (T', N, 2H) bidirectional
 *   g[t] = b_r + sum_{k=0..tau} R_k h[t + k]         optional look-ahead (tau > 0)
 *   log p[t] = log_softmax(W g[t] + b)              (T', N, V), V includes the blank
 * </pre>
 * Front ends: {@code stack} stacks k frames with stride k ({@code F' = k F}, {@code T' = ceil(T / k)};
 * a sequence's last group is completed by repeating its last frame), or {@code conv2d}, two strided
 * 3x3 convolutions ({@link Conv2dFront}, subsampling 4). The LSTM equations are those of
 * {@link Lstm}; between layers dropout applies in training. Bidirectional layers concatenate the
 * forward and backward outputs; the backward direction starts at each sequence's own end.
 *
 * <p>Look-ahead: Deep Speech 2's row convolution lets a unidirectional model see tau future frames;
 * here it is a full {@link Conv1d} over offsets {@code 0..tau} (the paper's is per feature), and a
 * sequence's last frames see copies of its last LSTM output in place of the missing future.
 *
 * <p>Streaming: the unidirectional model with the {@code stack} front end streams — pending frames
 * (fewer than k), the LSTM state and the look-ahead window are carried between chunks; the end of
 * input completes the last group and the look-ahead as offline does, so chunked output equals
 * offline output. Latency: k - 1 input frames plus tau output frames. Deviations from Deep Speech
 * 2: LSTM rather than simple RNN/GRU cells, no sequence-wise batch norm.
 *
 * <pre>{@code
 * BiLstmCtcModel m = BiLstmCtcModel.builder().setInputDim(80).setVocabSize(29)
 *     .optHiddenDim(320).optLayers(3).optStack(3).build();
 * AcousticOutput out = m.forward(features, lengths);   // (ceil(T/3), N, 29)
 * }</pre>
 */
public final class BiLstmCtcModel extends Module implements AcousticModel {
    /** The value of {@link AcousticModel#KEY_ARCHITECTURE}. */
    public static final String ARCHITECTURE = "lstm_ctc";
    private static final Set<String> KEYS = Set.of(KEY_ARCHITECTURE, "input_dim", "vocab_size", "hidden_dim", "layers",
            "bidirectional", "front", "stack", "conv_channels", "dropout", "lookahead");

    private final Builder cfg;
    private final Conv2dFront conv;
    private final Stacked rnn;
    private final Conv1d rowConv;
    private final Linear output;

    private BiLstmCtcModel(Builder b) {
        this.cfg = b.copy();
        Random rng = new Random(b.seed);
        int frontDim;
        if (b.front.equals("conv2d")) {
            conv = child("front", new Conv2dFront(b.inputDim, b.convChannels, rng));
            frontDim = conv.outputDim();
        } else {
            conv = null;
            frontDim = b.stack * b.inputDim;
        }
        rnn = child("rnn", Lstm.builder().setInputSize(frontDim).setHiddenSize(b.hiddenDim).optLayers(b.layers)
                .optBidirectional(b.bidirectional).optDropout(b.dropout).optSeed(b.seed + 1).buildStack());
        rowConv = b.lookahead == 0 ? null : child("lookahead", Conv1d.builder().setInFeatures(rnn.outputSize())
                .setOutFeatures(rnn.outputSize()).setOffsets(IntStream.rangeClosed(0, b.lookahead).toArray()).optRandom(rng).build());
        output = child("output", Linear.builder().setInFeatures(rnn.outputSize()).setOutFeatures(b.vocabSize).optRandom(rng).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Rebuilds from {@link #config()} (fresh weights). */
    public static BiLstmCtcModel fromConfig(Map<String, String> config) {
        ConfigMap c = new ConfigMap("lstm_ctc", config).onlyKeys(KEYS);
        return builder().setInputDim(c.integer("input_dim")).setVocabSize(c.integer("vocab_size"))
                .optHiddenDim(c.integer("hidden_dim")).optLayers(c.integer("layers")).optBidirectional(c.bool("bidirectional"))
                .optFront(c.string("front")).optStack(c.integer("stack")).optConvChannels(c.integer("conv_channels"))
                .optDropout(c.number("dropout")).optLookahead(c.integer("lookahead")).build();
    }

    @Override
    public AcousticOutput forward(Tensor features, int[] lengths) {
        int[] lens = Frames.checkBatch("BiLstmCtcModel", features, lengths, cfg.inputDim);
        Tensor u;
        if (conv != null) {
            u = conv.forward(features, lens);
        } else {
            u = Frames.stack(features, lens, cfg.stack);
            for (int i = 0; i < lens.length; i++) lens[i] = (lens[i] + cfg.stack - 1) / cfg.stack;
        }
        Tensor h = rnn.forward(u, lens, null).output();
        if (rowConv != null) h = rowConv.forward(Frames.padEdges(h, lens, 0, cfg.lookahead));
        return new AcousticOutput(head(h), lens);
    }

    /** The recurrent layers on front-end frames, from a carried state (streaming). */
    RnnOutput recurrent(Tensor stacked, RnnState state) {
        return rnn.forward(stacked, null, state);
    }

    /** The look-ahead convolution, or null without look-ahead. */
    Conv1d lookahead() {
        return rowConv;
    }

    /** Output layer and log-softmax. */
    Tensor head(Tensor h) {
        return Softmax.logSoftmax(output.forward(h), 2);
    }

    RnnState zeroState(int n) {
        return rnn.zeroState(n);
    }

    int stack() {
        return cfg.stack;
    }

    @Override
    public int subsampling() {
        return conv != null ? 4 : cfg.stack;
    }

    @Override
    public int outputLength(int t) {
        return conv != null ? Conv2dFront.half(Conv2dFront.half(t)) : (t + cfg.stack - 1) / cfg.stack;
    }

    @Override
    public int inputDim() {
        return cfg.inputDim;
    }

    @Override
    public int vocabSize() {
        return cfg.vocabSize;
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_ARCHITECTURE, ARCHITECTURE);
        m.put("input_dim", Integer.toString(cfg.inputDim));
        m.put("vocab_size", Integer.toString(cfg.vocabSize));
        m.put("hidden_dim", Integer.toString(cfg.hiddenDim));
        m.put("layers", Integer.toString(cfg.layers));
        m.put("bidirectional", Boolean.toString(cfg.bidirectional));
        m.put("front", cfg.front);
        m.put("stack", Integer.toString(cfg.stack));
        m.put("conv_channels", Integer.toString(cfg.convChannels));
        m.put("dropout", Float.toString(cfg.dropout));
        m.put("lookahead", Integer.toString(cfg.lookahead));
        return m;
    }

    @Override
    public boolean isStreaming() {
        return !cfg.bidirectional && conv == null;
    }

    @Override
    public StreamState newStream(int n) {
        if (!isStreaming()) return AcousticModel.super.newStream(n);   // throws
        return new LstmStream(this, n);
    }

    @Override
    public Tensor forwardChunk(StreamState state, Tensor chunk) {
        return LstmStream.of(this, state).accept(chunk);
    }

    @Override
    public Tensor finishStream(StreamState state) {
        return LstmStream.of(this, state).finish();
    }

    @Override
    public Module module() {
        return this;
    }

    /** Settings of a {@link BiLstmCtcModel}: input dimension and vocabulary size are required. */
    public static final class Builder {
        private int inputDim = -1;
        private int vocabSize = -1;
        private int hiddenDim = 256;
        private int layers = 3;
        private boolean bidirectional = true;
        private String front = "stack";
        private int stack = 3;
        private int convChannels = 32;
        private float dropout;
        private int lookahead;
        private long seed;

        private Builder copy() {
            Builder b = new Builder();
            b.inputDim = inputDim;
            b.vocabSize = vocabSize;
            b.hiddenDim = hiddenDim;
            b.layers = layers;
            b.bidirectional = bidirectional;
            b.front = front;
            b.stack = stack;
            b.convChannels = convChannels;
            b.dropout = dropout;
            b.lookahead = lookahead;
            b.seed = seed;
            return b;
        }

        public Builder setInputDim(int f) {
            this.inputDim = f;
            return this;
        }

        /** V, including the blank. */
        public Builder setVocabSize(int v) {
            this.vocabSize = v;
            return this;
        }

        /** H, LSTM units per direction (default 256). */
        public Builder optHiddenDim(int h) {
            this.hiddenDim = h;
            return this;
        }

        /** Number of LSTM layers (default 3). */
        public Builder optLayers(int n) {
            this.layers = n;
            return this;
        }

        /** Bidirectional layers (default true); false gives the streaming model. */
        public Builder optBidirectional(boolean on) {
            this.bidirectional = on;
            return this;
        }

        /** {@code "stack"} (default) or {@code "conv2d"}. */
        public Builder optFront(String front) {
            this.front = front;
            return this;
        }

        /** Frames stacked by the {@code stack} front end (default 3; 1 = no subsampling). */
        public Builder optStack(int k) {
            this.stack = k;
            return this;
        }

        /** Channels of the {@code conv2d} front end (default 32). */
        public Builder optConvChannels(int c) {
            this.convChannels = c;
            return this;
        }

        /** Dropout between LSTM layers in training (default 0). */
        public Builder optDropout(float p) {
            this.dropout = p;
            return this;
        }

        /**
         * Future frames (after subsampling) a look-ahead convolution over the LSTM outputs sees
         * (default 0: none). Gives a unidirectional model limited look-ahead at that latency.
         */
        public Builder optLookahead(int frames) {
            this.lookahead = frames;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public BiLstmCtcModel build() {
            if (inputDim < 1) throw new IllegalArgumentException("BiLstmCtcModel input dimension (setInputDim) must be >= 1, got " + inputDim);
            if (vocabSize < 2) throw new IllegalArgumentException("BiLstmCtcModel vocabulary size (setVocabSize) must be >= 2, got " + vocabSize);
            if (hiddenDim < 1 || layers < 1) throw new IllegalArgumentException("BiLstmCtcModel hidden dimension and layers must be >= 1");
            if (!front.equals("stack") && !front.equals("conv2d")) {
                throw new IllegalArgumentException("BiLstmCtcModel front end must be 'stack' or 'conv2d', got '" + front + "'");
            }
            if (stack < 1) throw new IllegalArgumentException("BiLstmCtcModel frame stacking must be >= 1, got " + stack);
            if (convChannels < 1) throw new IllegalArgumentException("BiLstmCtcModel conv channels must be >= 1, got " + convChannels);
            if (lookahead < 0) throw new IllegalArgumentException("BiLstmCtcModel look-ahead must be >= 0, got " + lookahead);
            if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("BiLstmCtcModel dropout must be in [0, 1), got " + dropout);
            return new BiLstmCtcModel(this);
        }
    }
}
