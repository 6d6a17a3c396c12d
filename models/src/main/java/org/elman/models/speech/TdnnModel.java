package org.elman.models.speech;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.elman.nn.BatchNorm;
import org.elman.nn.Conv1d;
import org.elman.nn.Linear;
import org.elman.nn.Module;
import org.elman.ops.Softmax;
import org.elman.ops.Unary;
import org.elman.tensor.Tensor;

/**
 * Time-delay neural network acoustic model trained with CTC (Waibel et al. 1989, "Phoneme
 * recognition using time-delay neural networks"; layer-wise context splicing and subsampling as
 * Peddinti, Povey and Khudanpur 2015).
 *
 * <p>Layer l splices the frames at its context offsets {@code o_l} from the layer below and
 * subsamples by its stride {@code s_l} (a {@link Conv1d} without padding):
 * <pre>
 *   h_0 = pad(x)                                 edge padding, see below
 *   h_l[j] = BN_l(ReLU(b_l + sum_k W_{l,k} h_{l-1}[c_j + o_{l,k}])),  c_j = -o_{l,1} + j s_l
 *   log p[j] = log_softmax(W_out h_L[j] + b_out)
 * </pre>
 * Shapes: features {@code (T, N, F)}, hidden {@code (T_l, N, H)}, output {@code (T', N, V)} with V
 * including the blank (index 0 by convention of the tokenisers). Subsampling is the product of the
 * strides; the default layers ({@code -2..2; -1,0,1; -3,0,3/3; -1,0,1}) give
 * {@code T' = ceil(T / 3)}.
 *
 * <p>Edge padding: instead of zero padding at every layer, the input is padded once by the
 * network's total left (right) context in input frames, repeating each sequence's first (last)
 * valid frame, as Kaldi's nnet3 does. Every layer is then "valid", so streaming only has to keep
 * each layer's last few input frames: chunked output equals offline output for any chunking
 * ({@link #forwardChunk}); the look-ahead (latency) is {@link #rightContext()} input frames.
 *
 * <p>Deviations: the original TDNN used sigmoid units and shared weights over a fixed window; here
 * ReLU then batch norm (Kaldi's order), CTC output instead of frame-level cross-entropy, no
 * factorised (TDNN-F) layers. In training mode batch norm statistics skip padded frames.
 *
 * <pre>{@code
 * TdnnModel m = TdnnModel.builder().setInputDim(80).setVocabSize(29).optHiddenDim(256).build();
 * AcousticOutput out = m.forward(features, lengths);   // (ceil(T/3), N, 29)
 * }</pre>
 */
public final class TdnnModel extends Module implements AcousticModel {
    /** The value of {@link AcousticModel#KEY_ARCHITECTURE}. */
    public static final String ARCHITECTURE = "tdnn";
    private static final Set<String> KEYS = Set.of(KEY_ARCHITECTURE, "input_dim", "vocab_size", "hidden_dim", "layers");

    private final int inputDim;
    private final int vocabSize;
    private final int hiddenDim;
    private final List<TdnnLayerSpec> specs;
    private final List<Conv1d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final Linear output;
    private final int left;
    private final int right;

    private TdnnModel(Builder b) {
        this.inputDim = b.inputDim;
        this.vocabSize = b.vocabSize;
        this.hiddenDim = b.hiddenDim;
        this.specs = List.copyOf(b.layers);
        Random rng = new Random(b.seed);
        int in = inputDim;
        int l = 0;
        int r = 0;
        int rate = 1;
        for (int i = 0; i < specs.size(); i++) {
            TdnnLayerSpec s = specs.get(i);
            convs.add(child("tdnn" + i, Conv1d.builder().setInFeatures(in).setOutFeatures(hiddenDim)
                    .setOffsets(s.offsets()).optStride(s.stride()).optRandom(rng).build()));
            norms.add(child("bn" + i, BatchNorm.builder().setNumFeatures(hiddenDim).build()));
            l += Math.max(0, -s.offsets()[0]) * rate;
            r += Math.max(0, s.offsets()[s.offsets().length - 1]) * rate;
            rate *= s.stride();
            in = hiddenDim;
        }
        this.left = l;
        this.right = r;
        this.output = child("output", Linear.builder().setInFeatures(hiddenDim).setOutFeatures(vocabSize).optRandom(rng).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Rebuilds from {@link #config()} (fresh weights). */
    public static TdnnModel fromConfig(Map<String, String> config) {
        ConfigMap c = new ConfigMap("tdnn", config).onlyKeys(KEYS);
        return builder().setInputDim(c.integer("input_dim")).setVocabSize(c.integer("vocab_size"))
                .optHiddenDim(c.integer("hidden_dim")).optLayers(TdnnLayerSpec.parseList(c.string("layers"))).build();
    }

    @Override
    public AcousticOutput forward(Tensor features, int[] lengths) {
        int[] lens = Frames.checkBatch("TdnnModel", features, lengths, inputDim);
        Tensor h = Frames.padEdges(features, lens, left, right);
        int[] cur = new int[lens.length];
        for (int n = 0; n < lens.length; n++) cur[n] = lens[n] + left + right;
        for (int i = 0; i < convs.size(); i++) {
            Conv1d conv = convs.get(i);
            h = Unary.relu(conv.forward(h));
            for (int n = 0; n < cur.length; n++) cur[n] = conv.outputLength(cur[n]);
            h = isTraining() ? norms.get(i).forward(h, Frames.mask(h.size(0), cur)) : norms.get(i).forward(h);
        }
        return new AcousticOutput(Softmax.logSoftmax(output.forward(h), 2), cur);
    }

    /** Layer i's ReLU and batch norm on the conv output (used by the streaming path). */
    Tensor activate(int i, Tensor convOut) {
        return norms.get(i).forward(Unary.relu(convOut));
    }

    Tensor logProbs(Tensor hidden) {
        return Softmax.logSoftmax(output.forward(hidden), 2);
    }

    List<Conv1d> convs() {
        return convs;
    }

    @Override
    public int subsampling() {
        int s = 1;
        for (TdnnLayerSpec spec : specs) s *= spec.stride();
        return s;
    }

    @Override
    public int outputLength(int t) {
        int cur = t + left + right;
        for (Conv1d c : convs) cur = c.outputLength(cur);
        return cur;
    }

    /** Past input frames one output frame depends on. */
    public int leftContext() {
        return left;
    }

    /** Future input frames one output frame depends on (the streaming look-ahead). */
    public int rightContext() {
        return right;
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_ARCHITECTURE, ARCHITECTURE);
        m.put("input_dim", Integer.toString(inputDim));
        m.put("vocab_size", Integer.toString(vocabSize));
        m.put("hidden_dim", Integer.toString(hiddenDim));
        m.put("layers", TdnnLayerSpec.formatList(specs));
        return m;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public StreamState newStream(int n) {
        return new TdnnStream(this, n);
    }

    @Override
    public Tensor forwardChunk(StreamState state, Tensor chunk) {
        return TdnnStream.of(this, state).accept(chunk);
    }

    /** Runs the streams' chunks as one batched forward pass per layer ({@link TdnnBatch}). */
    @Override
    public List<Tensor> forwardChunks(List<StreamState> states, List<Tensor> chunks) {
        return TdnnBatch.forward(this, states, chunks);
    }

    /** Ends the streams with their last chunks as one batched pass per layer ({@link TdnnBatch}). */
    @Override
    public List<Tensor> finishStreams(List<StreamState> states, List<Tensor> lastChunks) {
        return TdnnBatch.finish(this, states, lastChunks);
    }

    @Override
    public Tensor finishStream(StreamState state) {
        return TdnnStream.of(this, state).finish();
    }

    @Override
    public Module module() {
        return this;
    }

    /** Settings of a {@link TdnnModel}: input dimension and vocabulary size are required. */
    public static final class Builder {
        private int inputDim = -1;
        private int vocabSize = -1;
        private int hiddenDim = 256;
        private List<TdnnLayerSpec> layers = TdnnLayerSpec.parseList("-2,-1,0,1,2;-1,0,1;-3,0,3/3;-1,0,1");
        private long seed;

        /** F, the feature dimension. */
        public Builder setInputDim(int f) {
            this.inputDim = f;
            return this;
        }

        /** V, the output symbols including the blank. */
        public Builder setVocabSize(int v) {
            this.vocabSize = v;
            return this;
        }

        /** H, the width of every TDNN layer (default 256). */
        public Builder optHiddenDim(int h) {
            this.hiddenDim = h;
            return this;
        }

        /** Context offsets and stride per layer (default {@code -2..2; -1,0,1; -3,0,3/3; -1,0,1}). */
        public Builder optLayers(List<TdnnLayerSpec> layers) {
            this.layers = List.copyOf(layers);
            return this;
        }

        /** Seed of the weight initialisation (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public TdnnModel build() {
            if (inputDim < 1) throw new IllegalArgumentException("TdnnModel input dimension (setInputDim) must be >= 1, got " + inputDim);
            if (vocabSize < 2) throw new IllegalArgumentException("TdnnModel vocabulary size (setVocabSize) must be >= 2 (blank and a token), got " + vocabSize);
            if (hiddenDim < 1) throw new IllegalArgumentException("TdnnModel hidden dimension must be >= 1, got " + hiddenDim);
            if (layers.isEmpty()) throw new IllegalArgumentException("TdnnModel needs at least one layer");
            return new TdnnModel(this);
        }
    }
}
