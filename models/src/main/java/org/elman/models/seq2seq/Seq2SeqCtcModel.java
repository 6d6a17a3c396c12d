package org.elman.models.seq2seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.elman.ctc.CtcLoss;
import org.elman.ctc.CtcOptions;
import org.elman.models.speech.AcousticModel;
import org.elman.models.speech.AcousticOutput;
import org.elman.models.speech.ConfigMap;
import org.elman.models.speech.Frames;
import org.elman.models.speech.JointDecoding;
import org.elman.nn.Linear;
import org.elman.nn.Module;
import org.elman.nn.loss.CrossEntropy;
import org.elman.nn.rnn.Lstm;
import org.elman.nn.rnn.Stacked;
import org.elman.ops.Reshape;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;

/**
 * Hybrid CTC/attention encoder-decoder (Watanabe et al. 2017, "Hybrid CTC/attention architecture
 * for end-to-end speech recognition"; ESPnet's RNN model). A shared encoder feeds a CTC head and
 * an attention decoder ({@link AttentionDecoder}, {@link AdditiveAttention}):
 * <pre>
 *   h = BiLSTM_L(stack_k(x))                                 (T', N, 2 H_enc)
 *   CTC:       log p_ctc[t] = log_softmax(W_c h[t] + b_c)    (T', N, V)
 *   attention: p_att(y_i | y_{&lt;i}, x) from the decoder, teacher-forced in training
 *   loss = w CTC(y | x) + (1 - w) CE_att(y, &lt;eos&gt;)
 * </pre>
 * CTC is PyTorch's mean reduction (each sequence's loss over its target length, averaged); the
 * attention cross-entropy is the mean over all target tokens plus the end symbol. V includes the
 * blank (id 0), which the decoder uses as start and end symbol. {@link #forward} is the CTC branch
 * (so the model is an {@link AcousticModel} for greedy CTC decoding); {@link JointBeamSearch}
 * decodes with both branches and returns the attention weights. Not streaming (bidirectional
 * encoder, global attention).
 *
 * <p>Deviations from ESPnet: frame stacking instead of VGG/max-pool subsampling, no location-aware
 * attention, no label smoothing, a single decoder layer, blank shared as {@code <sos/eos>}.
 *
 * <pre>{@code
 * Seq2SeqCtcModel m = Seq2SeqCtcModel.builder().setInputDim(80).setVocabSize(29).optCtcWeight(0.3f).build();
 * Seq2SeqCtcModel.Losses l = m.losses(x, lengths, targets);   l.total().backward();
 * JointBeamSearch.Result r = new JointBeamSearch(m, 8, 0.3f).decode(features);
 * }</pre>
 */
public final class Seq2SeqCtcModel extends Module implements AcousticModel, JointDecoding {
    /** The value of {@link AcousticModel#KEY_ARCHITECTURE}. */
    public static final String ARCHITECTURE = "ctc_attention";
    private static final Set<String> KEYS = Set.of(KEY_ARCHITECTURE, "input_dim", "vocab_size", "encoder_dim", "encoder_layers",
            "stack", "decoder_dim", "embed_dim", "attention_dim", "ctc_weight");
    private static final CtcOptions CTC = CtcOptions.builder().optBlank(0).optZeroInfinity(true)
            .optInput(CtcOptions.Input.LOG_PROBS).optReduction(CtcOptions.Reduction.MEAN).build();

    private final Builder cfg;
    private final Stacked encoder;
    private final Linear ctcHead;
    private final AttentionDecoder decoder;

    private Seq2SeqCtcModel(Builder b) {
        this.cfg = b;
        Random rng = new Random(b.seed);
        encoder = child("encoder", Lstm.builder().setInputSize(b.stack * b.inputDim).setHiddenSize(b.encoderDim)
                .optLayers(b.encoderLayers).optBidirectional(true).optSeed(b.seed + 1).buildStack());
        ctcHead = child("ctc", Linear.builder().setInFeatures(2 * b.encoderDim).setOutFeatures(b.vocabSize).optRandom(rng).build());
        decoder = child("decoder", new AttentionDecoder(b.vocabSize, 2 * b.encoderDim, b.embedDim, b.decoderDim, b.attentionDim, rng));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Rebuilds from {@link #config()} (fresh weights). */
    public static Seq2SeqCtcModel fromConfig(Map<String, String> config) {
        ConfigMap c = new ConfigMap(ARCHITECTURE, config).onlyKeys(KEYS);
        return builder().setInputDim(c.integer("input_dim")).setVocabSize(c.integer("vocab_size"))
                .optEncoderDim(c.integer("encoder_dim")).optEncoderLayers(c.integer("encoder_layers")).optStack(c.integer("stack"))
                .optDecoderDim(c.integer("decoder_dim")).optEmbedDim(c.integer("embed_dim"))
                .optAttentionDim(c.integer("attention_dim")).optCtcWeight(c.number("ctc_weight")).build();
    }

    /** Encoder output {@code (T', N, 2 H_enc)} with its lengths. */
    public record Encoded(Tensor output, int[] lengths) {}

    public Encoded encode(Tensor features, int[] lengths) {
        int[] lens = Frames.checkBatch("Seq2SeqCtcModel", features, lengths, cfg.inputDim);
        Tensor u = Frames.stack(features, lens, cfg.stack);
        for (int i = 0; i < lens.length; i++) lens[i] = (lens[i] + cfg.stack - 1) / cfg.stack;
        return new Encoded(encoder.forward(u, lens, null).output(), lens);
    }

    /** CTC log-probabilities of an encoder output. */
    public Tensor ctcLogProbs(Tensor encoded) {
        return Softmax.logSoftmax(ctcHead.forward(encoded), 2);
    }

    @Override
    public AcousticOutput forward(Tensor features, int[] lengths) {
        Encoded e = encode(features, lengths);
        return new AcousticOutput(ctcLogProbs(e.output()), e.lengths());
    }

    /** The training losses: {@code total = w ctc + (1 - w) attention}. */
    public record Losses(Tensor total, Tensor ctc, Tensor attention) {}

    /** Losses for a batch with token targets (no blanks). */
    public Losses losses(Tensor features, int[] lengths, int[][] targets) {
        Encoded e = encode(features, lengths);
        if (targets.length != e.lengths().length) throw new IllegalArgumentException(targets.length + " targets for a batch of " + e.lengths().length);
        int[] targetLengths = new int[targets.length];
        for (int i = 0; i < targets.length; i++) targetLengths[i] = targets[i].length;
        Tensor ctc = CtcLoss.loss(ctcLogProbs(e.output()), e.lengths(), targets, targetLengths, CTC);
        Tensor att = attentionLoss(e, targets);
        float w = cfg.ctcWeight;
        return new Losses(ctc.mul(w).add(att.mul(1 - w)), ctc, att);
    }

    /** Teacher-forced cross-entropy: inputs {@code <sos> y}, targets {@code y <eos>}. */
    private Tensor attentionLoss(Encoded e, int[][] targets) {
        int n = targets.length;
        int steps = 0;
        for (int[] t : targets) steps = Math.max(steps, t.length + 1);
        AttentionDecoder.Memory mem = decoder.memory(e.output(), e.lengths());
        AttentionDecoder.State s = decoder.zeroState(n);
        List<Tensor> logits = new ArrayList<>();
        int[] gold = new int[steps * n];
        float[] mask = new float[steps * n];
        int[] prev = new int[n];
        for (int i = 0; i < steps; i++) {
            AttentionDecoder.Step st = decoder.step(mem, prev.clone(), s);
            logits.add(st.logits());
            s = st.state();
            for (int b = 0; b < n; b++) {
                int len = targets[b].length;
                gold[i * n + b] = i < len ? targets[b][i] : AttentionDecoder.SOS_EOS;
                mask[i * n + b] = i <= len ? 1f : 0f;
                prev[b] = i < len ? targets[b][i] : AttentionDecoder.SOS_EOS;
            }
        }
        Tensor all = Reshape.stack(0, logits.toArray(new Tensor[0]));
        return CrossEntropy.builder().build().compute(all, gold, Tensor.of(mask, steps, n));
    }

    /** {@link JointBeamSearch} at the given beam and CTC weight. */
    @Override
    public int[] decodeJoint(Tensor features, int beam, float ctcWeight) {
        return new JointBeamSearch(this, beam, ctcWeight).decode(features).tokens();
    }

    AttentionDecoder decoder() {
        return decoder;
    }

    /** The configured CTC weight w of the loss (also the default for decoding). */
    public float ctcWeight() {
        return cfg.ctcWeight;
    }

    @Override
    public int subsampling() {
        return cfg.stack;
    }

    @Override
    public int outputLength(int t) {
        return (t + cfg.stack - 1) / cfg.stack;
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
        m.put("encoder_dim", Integer.toString(cfg.encoderDim));
        m.put("encoder_layers", Integer.toString(cfg.encoderLayers));
        m.put("stack", Integer.toString(cfg.stack));
        m.put("decoder_dim", Integer.toString(cfg.decoderDim));
        m.put("embed_dim", Integer.toString(cfg.embedDim));
        m.put("attention_dim", Integer.toString(cfg.attentionDim));
        m.put("ctc_weight", Float.toString(cfg.ctcWeight));
        return m;
    }

    @Override
    public Module module() {
        return this;
    }

    /** Settings of a {@link Seq2SeqCtcModel}: input dimension and vocabulary size are required. */
    public static final class Builder {
        private int inputDim = -1;
        private int vocabSize = -1;
        private int encoderDim = 256;
        private int encoderLayers = 3;
        private int stack = 3;
        private int decoderDim = 256;
        private int embedDim = 64;
        private int attentionDim = 128;
        private float ctcWeight = 0.3f;
        private long seed;

        public Builder setInputDim(int f) {
            this.inputDim = f;
            return this;
        }

        /** V including the blank (which the decoder also uses as start/end symbol). */
        public Builder setVocabSize(int v) {
            this.vocabSize = v;
            return this;
        }

        /** LSTM units per direction in the encoder (default 256). */
        public Builder optEncoderDim(int h) {
            this.encoderDim = h;
            return this;
        }

        public Builder optEncoderLayers(int n) {
            this.encoderLayers = n;
            return this;
        }

        /** Frames stacked (and the subsampling) before the encoder (default 3). */
        public Builder optStack(int k) {
            this.stack = k;
            return this;
        }

        public Builder optDecoderDim(int h) {
            this.decoderDim = h;
            return this;
        }

        public Builder optEmbedDim(int e) {
            this.embedDim = e;
            return this;
        }

        public Builder optAttentionDim(int a) {
            this.attentionDim = a;
            return this;
        }

        /** w in {@code w CTC + (1 - w) attention}, in [0, 1] (default 0.3). */
        public Builder optCtcWeight(float w) {
            this.ctcWeight = w;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Seq2SeqCtcModel build() {
            if (inputDim < 1) throw new IllegalArgumentException("Seq2SeqCtcModel input dimension (setInputDim) must be >= 1, got " + inputDim);
            if (vocabSize < 2) throw new IllegalArgumentException("Seq2SeqCtcModel vocabulary size (setVocabSize) must be >= 2, got " + vocabSize);
            if (encoderDim < 1 || encoderLayers < 1 || decoderDim < 1 || embedDim < 1 || attentionDim < 1 || stack < 1) {
                throw new IllegalArgumentException("Seq2SeqCtcModel sizes must be >= 1");
            }
            if (!(ctcWeight >= 0 && ctcWeight <= 1)) throw new IllegalArgumentException("CTC weight must be in [0, 1], got " + ctcWeight);
            Builder copy = new Builder();
            copy.inputDim = inputDim;
            copy.vocabSize = vocabSize;
            copy.encoderDim = encoderDim;
            copy.encoderLayers = encoderLayers;
            copy.stack = stack;
            copy.decoderDim = decoderDim;
            copy.embedDim = embedDim;
            copy.attentionDim = attentionDim;
            copy.ctcWeight = ctcWeight;
            copy.seed = seed;
            return new Seq2SeqCtcModel(copy);
        }
    }
}
