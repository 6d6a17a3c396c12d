package org.elman.models.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elman.audio.AudioData;
import org.elman.audio.feature.CmvnStats;
import org.elman.audio.feature.FeatureExtractor;
import org.elman.audio.feature.FeatureMatrix;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.io.AudioFiles;
import org.elman.autograd.GradMode;
import org.elman.ctc.decode.BeamSearchConfig;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.Lexicon;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.GreedyDecoder;
import org.elman.ctc.decode.Hypothesis;
import org.elman.ctc.decode.TokenTable;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.data.token.Tokenizer;
import org.elman.tensor.Tensor;

/**
 * One utterance from audio to text: features ({@link FeatureExtractor} with the model's
 * {@link FrontendConfig}, then optional per-utterance mean and variance normalisation), the
 * acoustic model in eval mode, greedy (beam width 1) or CTC prefix beam search (optionally limited
 * to a word list) or, for models with an attention decoder ({@link JointDecoding}), joint
 * CTC/attention search, and the
 * tokeniser's {@link Tokenizer#decode}. Not thread-safe while the model is shared with training.
 *
 * <pre>{@code
 * Recognizer r = Recognizer.builder().setModel(model).setTokenizer(CharTokenizer.english()).optBeamWidth(8).build();
 * String text = r.recognize(Path.of("yes.wav")).text();
 * }</pre>
 */
public final class Recognizer {
    /** Decoding-default key: beam width (1 = greedy). */
    public static final String KEY_BEAM_WIDTH = "decode.beam_width";
    /** Decoding-default key: per-utterance CMVN ({@code true}/{@code false}). */
    public static final String KEY_CMVN = "decode.utterance_cmvn";
    /** Decoding-default key: words the beam search may spell, space separated (absent: any). */
    public static final String KEY_LEXICON = "decode.lexicon";
    /**
     * Decoding-default key: CTC weight of joint CTC/attention search for models that implement
     * {@link JointDecoding} (absent: CTC decoding). The beam is {@value #KEY_BEAM_WIDTH}.
     */
    public static final String KEY_JOINT_CTC_WEIGHT = "decode.joint_ctc_weight";

    private final AcousticModel model;
    private final Tokenizer tokenizer;
    private final FrontendConfig frontend;
    private final FeatureExtractor extractor;
    private final int beamWidth;
    private final boolean cmvn;
    private final TokenTable tokens;
    private final List<String> lexicon;
    private final BeamSearchDecoder beam;
    private final Float jointWeight;

    private Recognizer(Builder b) {
        this.model = b.model;
        this.tokenizer = b.tokenizer;
        this.frontend = b.frontend;
        this.extractor = new FeatureExtractor(frontend);
        this.beamWidth = b.beamWidth;
        this.cmvn = b.cmvn;
        this.tokens = tokenTable(tokenizer);
        this.lexicon = b.lexicon;
        this.jointWeight = b.jointWeight;
        BeamSearchConfig.Builder c = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(beamWidth);
        if (lexicon != null) c.optLexicon(new Lexicon(lexicon, tokens));
        this.beam = beamWidth <= 1 ? null : c.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tokeniser's ids as a CTC token table (blank 0; {@code |} as word separator when present). */
    public static TokenTable tokenTable(Tokenizer tokenizer) {
        List<String> t = new ArrayList<>();
        int separator = -1;
        for (int i = 0; i < tokenizer.size(); i++) {
            t.add(tokenizer.token(i));
            if (i != Tokenizer.BLANK && tokenizer.token(i).equals(CharTokenizer.SEPARATOR)) separator = i;
        }
        return new TokenTable(t, Tokenizer.BLANK, separator);
    }

    /** Text and token ids of one recognised utterance, with the decoder's score. */
    public record Result(String text, int[] tokens, double score) {}

    public Result recognize(Path wav) throws IOException {
        return recognize(AudioFiles.read(wav, frontend.sampleRateHz()));
    }

    public Result recognize(AudioData audio) {
        return recognizeFeatures(features(audio));
    }

    /** The model's input features {@code (T, F)} for some audio. */
    public Tensor features(AudioData audio) {
        if (audio.sampleRateHz() != frontend.sampleRateHz()) {
            throw new IllegalArgumentException("audio at " + audio.sampleRateHz() + " Hz, the model wants " + frontend.sampleRateHz() + " Hz");
        }
        FeatureMatrix m = extractor.compute(audio.samples());
        if (m.numFrames() == 0) throw new IllegalArgumentException("audio too short for one feature frame");
        if (cmvn) m = CmvnStats.perUtterance(m, true);
        return m.toTensor();
    }

    /** Decodes features {@code (T, F)} (the model runs in eval mode; its mode is restored after). */
    @SuppressWarnings("try")   // the scope only switches gradient recording off
    public Result recognizeFeatures(Tensor features) {
        if (features == null || features.dim() != 2) throw new IllegalArgumentException("recognizer expects (T, F) features of one utterance");
        boolean wasTraining = model.module().isTraining();
        model.module().eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            if (jointWeight != null) {
                int[] ids = ((JointDecoding) model).decodeJoint(features, beamWidth, jointWeight);
                return new Result(tokenizer.decode(ids), ids, Double.NaN);
            }
            return decode(modelLogProbs(features));
        } finally {
            if (wasTraining) model.module().train();
        }
    }

    /**
     * The model's CTC log-probabilities {@code (T', V)} for features {@code (T, F)} of one utterance
     * (eval mode, no gradients; the model's mode is restored after), for searches run outside the
     * recognizer, such as a grid over LM weights.
     */
    @SuppressWarnings("try")
    public Tensor logProbs(Tensor features) {
        if (features == null || features.dim() != 2) throw new IllegalArgumentException("recognizer expects (T, F) features of one utterance");
        boolean wasTraining = model.module().isTraining();
        model.module().eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return modelLogProbs(features);
        } finally {
            if (wasTraining) model.module().train();
        }
    }

    private Tensor modelLogProbs(Tensor features) {
        Tensor lp = model.forward(features.reshape(features.size(0), 1, features.size(1)), null).logProbs();
        return lp.reshape(lp.size(0), lp.size(2));
    }

    /** Decodes {@code (T', V)} log-probabilities. */
    public Result decode(Tensor logProbs) {
        FrameSource src = FrameSource.of(logProbs);
        Hypothesis h = beamWidth <= 1 ? new GreedyDecoder(tokens).decode(src)
                : beam.decode(src).get(0);
        return new Result(tokenizer.decode(h.tokens()), h.tokens(), h.score());
    }

    /**
     * Whether {@link #newSession()} works: a streaming model, no per-utterance CMVN and CTC-only
     * decoding.
     */
    public boolean canStream() {
        return model.isStreaming() && !cmvn && jointWeight == null;
    }

    /** A streaming session on this recognizer's model and decoder ({@link StreamingRecognizer}). */
    public StreamingRecognizer newSession() {
        return new StreamingRecognizer(this);
    }

    TokenTable tokens() {
        return tokens;
    }

    /** The CTC beam decoder, or null for greedy decoding. */
    BeamSearchDecoder beamDecoder() {
        return beam;
    }

    boolean utteranceCmvn() {
        return cmvn;
    }

    boolean joint() {
        return jointWeight != null;
    }

    public AcousticModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public FrontendConfig frontend() {
        return frontend;
    }

    /** Decoding settings as stored in a model file ({@value #KEY_BEAM_WIDTH}, {@value #KEY_CMVN}). */
    public Map<String, String> decodingDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_BEAM_WIDTH, Integer.toString(beamWidth));
        m.put(KEY_CMVN, Boolean.toString(cmvn));
        if (lexicon != null) m.put(KEY_LEXICON, String.join(" ", lexicon));
        if (jointWeight != null) m.put(KEY_JOINT_CTC_WEIGHT, Float.toString(jointWeight));
        return m;
    }

    /** Settings of a {@link Recognizer}: model and tokeniser are required. */
    public static final class Builder {
        private AcousticModel model;
        private Tokenizer tokenizer;
        private FrontendConfig frontend = FrontendConfig.defaults();
        private int beamWidth = 1;
        private boolean cmvn = true;
        private List<String> lexicon;
        private Float jointWeight;

        public Builder setModel(AcousticModel model) {
            this.model = model;
            return this;
        }

        public Builder setTokenizer(Tokenizer tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /** Feature settings (default {@link FrontendConfig#defaults()}). */
        public Builder optFrontend(FrontendConfig frontend) {
            this.frontend = frontend;
            return this;
        }

        /** 1 (default) for greedy decoding, more for CTC prefix beam search. */
        public Builder optBeamWidth(int width) {
            this.beamWidth = width;
            return this;
        }

        /** Per-utterance mean and variance normalisation of the features (default true). */
        public Builder optUtteranceCmvn(boolean on) {
            this.cmvn = on;
            return this;
        }

        /** Restricts beam search to these words (needs a beam width above 1). */
        public Builder optLexicon(List<String> words) {
            this.lexicon = words == null ? null : List.copyOf(words);
            return this;
        }

        /**
         * Decodes with the model's joint CTC/attention search at this CTC weight (the model must
         * implement {@link JointDecoding}; the score in results is then NaN). Null: CTC decoding.
         */
        public Builder optJointCtcWeight(Float weight) {
            this.jointWeight = weight;
            return this;
        }

        /** Applies stored decoding defaults ({@link #decodingDefaults()} keys). */
        public Builder optDecodingDefaults(Map<String, String> d) {
            ConfigMap c = new ConfigMap("decoding", d).onlyKeys(java.util.Set.of(KEY_BEAM_WIDTH, KEY_CMVN, KEY_LEXICON,
                    KEY_JOINT_CTC_WEIGHT));
            if (d.containsKey(KEY_BEAM_WIDTH)) beamWidth = c.integer(KEY_BEAM_WIDTH);
            if (d.containsKey(KEY_CMVN)) cmvn = c.bool(KEY_CMVN);
            if (d.containsKey(KEY_JOINT_CTC_WEIGHT)) jointWeight = c.number(KEY_JOINT_CTC_WEIGHT);
            if (d.containsKey(KEY_LEXICON)) lexicon = List.of(c.string(KEY_LEXICON).trim().split("\\s+"));
            return this;
        }

        public Recognizer build() {
            if (model == null) throw new IllegalArgumentException("Recognizer needs a model (setModel)");
            if (tokenizer == null) throw new IllegalArgumentException("Recognizer needs a tokenizer (setTokenizer)");
            if (frontend == null) throw new IllegalArgumentException("Recognizer front-end config must not be null");
            if (beamWidth < 1) throw new IllegalArgumentException("beam width must be >= 1, got " + beamWidth);
            if (lexicon != null && beamWidth < 2) throw new IllegalArgumentException("a lexicon needs beam search (beam width >= 2)");
            if (jointWeight != null) {
                if (!(model instanceof JointDecoding)) {
                    throw new IllegalArgumentException("joint CTC/attention decoding needs a model with an attention decoder, got "
                            + model.config().get(AcousticModel.KEY_ARCHITECTURE));
                }
                if (!(jointWeight >= 0 && jointWeight <= 1)) throw new IllegalArgumentException("joint CTC weight must be in [0, 1], got " + jointWeight);
                if (lexicon != null) throw new IllegalArgumentException("a lexicon applies to CTC beam search, not to joint decoding");
            }
            if (tokenizer.size() != model.vocabSize()) {
                throw new IllegalArgumentException("tokenizer has " + tokenizer.size() + " ids, the model outputs " + model.vocabSize());
            }
            if (frontend.featureDim() != model.inputDim()) {
                throw new IllegalArgumentException("front end makes " + frontend.featureDim() + " features, the model wants " + model.inputDim());
            }
            return new Recognizer(this);
        }
    }
}
