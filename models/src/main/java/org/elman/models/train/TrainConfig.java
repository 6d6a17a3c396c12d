package org.elman.models.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elman.audio.feature.FrontendConfig;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.data.token.Tokenizer;
import org.elman.models.data.token.WordTokenizer;
import org.elman.models.io.ModelFiles;
import org.elman.models.seq2seq.Seq2SeqCtcModel;
import org.elman.models.speech.AcousticModel;
import org.elman.models.speech.BiLstmCtcModel;
import org.elman.models.speech.TdnnModel;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A training recipe, read from a YAML file with five sections (relative paths are resolved
 * against the file's folder):
 * <pre>
 * data:      train: DIR_OR_MANIFEST or a list of them (combined)   dev: DIR_OR_MANIFEST
 *            (Kaldi dir, or NeMo .json/.jsonl manifest)
 * model:     architecture: tdnn | lstm_ctc | ctc_attention, then that model's config keys
 *            (input_dim and vocab_size are set from the front end and tokenizer; omitted keys
 *            take the model builder's defaults)
 * frontend:  FrontendConfig keys (numMelBins: 40, featureType: FBANK, ...); omitted: defaults
 * tokenizer: type: char (symbols: "abc...", default a-z and ') | word (min_count: 1)
 * training:  see {@link Training}
 * </pre>
 * Every problem (unknown section or key, wrong type, value out of range, unknown architecture or
 * model key) is a {@link TrainConfigException} naming the file and the key.
 */
public final class TrainConfig {
    private static final Set<String> SECTIONS = Set.of("data", "model", "frontend", "tokenizer", "training");
    private static final Set<String> SCHEDULES = Set.of("constant", "step", "cosine", "noam");

    /**
     * The {@code training} section.
     *
     * @param outputDir       where checkpoints, logs, curves and models go (required)
     * @param epochs          passes over the training data (default 10)
     * @param maxSteps        stop after this many updates in all, 0 for no limit (default 0)
     * @param batchUtterances utterances per batch (default 8) unless {@code batchFrames} is set
     * @param batchFrames     if above 0, padded frames (longest x count) per batch instead
     * @param lr              peak learning rate of Adam (default 1e-3)
     * @param schedule        constant | step (stepSize, gamma) | cosine (warmupSteps, minLr, to
     *                        the last step) | noam (warmupSteps; lr is the factor)
     * @param clipNorm        global gradient-norm clip, 0 for none (default 5)
     * @param specAugment     SpecAugment on training features (default false)
     * @param speedPerturb    speed perturbation 0.9/1.0/1.1 per utterance and epoch (default false)
     * @param utteranceCmvn   per-utterance mean/variance normalisation (default true)
     * @param seed            seed of data order and augmentation (default 1)
     * @param checkpointEvery steps between checkpoints, 0: only at epoch ends (default 100)
     * @param patience        epochs without a better dev WER before stopping, 0: never (default 0)
     * @param resume          continue from {@code outputDir/checkpoint.safetensors} if present (default true)
     * @param logEvery        steps between progress lines (default 10)
     * @param cacheFeatures   keep features in memory (default true; false recomputes them from the
     *                        audio at each use, for sets too big for memory)
     */
    public record Training(Path outputDir, int epochs, long maxSteps, int batchUtterances, long batchFrames, double lr,
                           String schedule, long warmupSteps, long stepSize, double gamma, double minLr, double clipNorm,
                           boolean specAugment, boolean speedPerturb, double narrowband, boolean volumePerturb, boolean utteranceCmvn, long seed,
                           long checkpointEvery, int patience, boolean resume, long logEvery, boolean cacheFeatures) {}

    private final Path file;
    private final List<Path> train;
    private final Path dev;
    private final Map<String, String> model;
    private final FrontendConfig frontend;
    private final String tokenizerType;
    private final String symbols;
    private final int minCount;
    private final Training training;

    private TrainConfig(Path file, Map<String, Object> root) {
        this.file = file;
        Path base = file.toAbsolutePath().getParent();
        ConfigSection data = new ConfigSection(file, "data", root.get("data"));
        train = data.strings("train").stream().map(base::resolve).toList();
        dev = base.resolve(data.string("dev", null));
        data.finish();
        ConfigSection m = new ConfigSection(file, "model", root.get("model"));
        m.choice(AcousticModel.KEY_ARCHITECTURE, null, Set.of(TdnnModel.ARCHITECTURE, BiLstmCtcModel.ARCHITECTURE,
                Seq2SeqCtcModel.ARCHITECTURE));
        model = m.asStrings();
        for (String k : List.of("input_dim", "vocab_size")) {
            if (model.containsKey(k)) throw m.error("model." + k, "is set from the front end and tokenizer; remove it");
        }
        frontend = readFrontend(new ConfigSection(file, "frontend", root.get("frontend")));
        ConfigSection t = new ConfigSection(file, "tokenizer", root.get("tokenizer"));
        tokenizerType = t.choice("type", "char", Set.of("char", "word"));
        symbols = t.string("symbols", CharTokenizer.ENGLISH);
        minCount = (int) t.integer("min_count", 1, 1, Integer.MAX_VALUE);
        t.finish();
        if (tokenizerType.equals("char")) {
            try {
                new CharTokenizer(symbols);
            } catch (IllegalArgumentException e) {
                throw t.error("tokenizer.symbols", e.getMessage());
            }
        }
        training = readTraining(new ConfigSection(file, "training", root.get("training")), base);
        if (tokenizerType.equals("char")) buildModel(new CharTokenizer(symbols).size());   // checks the model keys now
    }

    /** Reads and validates a YAML recipe. */
    public static TrainConfig load(Path file) throws IOException {
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (YAMLException e) {
            throw new TrainConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) throw new TrainConfigException(file + ": must be a YAML mapping with sections " + SECTIONS);
        Map<String, Object> sections = new LinkedHashMap<>();
        map.forEach((k, v) -> sections.put(String.valueOf(k), v));
        for (String k : sections.keySet()) {
            if (!SECTIONS.contains(k)) throw new TrainConfigException(file + ": unknown section '" + k + "' (known: " + SECTIONS + ")");
        }
        return new TrainConfig(file, sections);
    }

    private FrontendConfig readFrontend(ConfigSection s) {
        try {
            return FrontendConfig.fromMap(s.asStrings());
        } catch (IllegalArgumentException e) {
            throw new TrainConfigException(file + ": frontend: " + e.getMessage(), e);
        }
    }

    private static Training readTraining(ConfigSection s, Path base) {
        Path out = base.resolve(s.string("output_dir", null));
        int epochs = (int) s.integer("epochs", 10, 1, 1_000_000);
        long maxSteps = s.integer("max_steps", 0, 0, Long.MAX_VALUE);
        int batchUtts = (int) s.integer("batch_utterances", 8, 1, 1_000_000);
        long batchFrames = s.integer("batch_frames", 0, 0, Long.MAX_VALUE);
        double lr = s.number("lr", 1e-3, 1e-12, 100);
        String schedule = s.choice("schedule", "constant", SCHEDULES);
        long warmup = s.integer("warmup_steps", 0, 0, Long.MAX_VALUE);
        long stepSize = s.integer("step_size", 1000, 1, Long.MAX_VALUE);
        double gamma = s.number("gamma", 0.5, 1e-9, 1);
        double minLr = s.number("min_lr", 0, 0, lr);
        double clip = s.number("clip_norm", 5, 0, Double.MAX_VALUE);
        boolean spec = s.bool("spec_augment", false);
        boolean speed = s.bool("speed_perturb", false);
        double narrowband = s.number("narrowband", 0, 0, 1);
        boolean volume = s.bool("volume_perturb", false);
        boolean cmvn = s.bool("utterance_cmvn", true);
        long seed = s.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        long ckEvery = s.integer("checkpoint_every", 100, 0, Long.MAX_VALUE);
        int patience = (int) s.integer("patience", 0, 0, 1_000_000);
        boolean resume = s.bool("resume", true);
        long logEvery = s.integer("log_every", 10, 1, Long.MAX_VALUE);
        boolean cache = s.bool("cache_features", true);
        s.finish();
        if (schedule.equals("noam") && warmup == 0) throw s.error("training.warmup_steps", "must be above 0 for the noam schedule");
        return new Training(out, epochs, maxSteps, batchUtts, batchFrames, lr, schedule, warmup, stepSize, gamma, minLr, clip,
                spec, speed, narrowband, volume, cmvn, seed, ckEvery, patience, resume, logEvery, cache);
    }

    /** The model config for a tokenizer of {@code vocabSize} ids: builder defaults, then the file's keys. */
    public Map<String, String> modelConfig(int vocabSize) {
        String arch = model.get(AcousticModel.KEY_ARCHITECTURE);
        int f = frontend.featureDim();
        AcousticModel defaults = switch (arch) {
            case TdnnModel.ARCHITECTURE -> TdnnModel.builder().setInputDim(f).setVocabSize(vocabSize).build();
            case BiLstmCtcModel.ARCHITECTURE -> BiLstmCtcModel.builder().setInputDim(f).setVocabSize(vocabSize).build();
            default -> Seq2SeqCtcModel.builder().setInputDim(f).setVocabSize(vocabSize).build();
        };
        Map<String, String> c = new LinkedHashMap<>(defaults.config());
        c.putAll(model);
        return c;
    }

    /** A fresh model for a tokenizer of {@code vocabSize} ids. */
    public AcousticModel buildModel(int vocabSize) {
        try {
            return ModelFiles.build(modelConfig(vocabSize));
        } catch (IllegalArgumentException e) {
            throw new TrainConfigException(file + ": model: " + e.getMessage(), e);
        }
    }

    /** The tokenizer: the char alphabet, or a word list built from the training transcripts. */
    public Tokenizer tokenizer(Iterable<String> trainTexts) {
        return tokenizerType.equals("char") ? new CharTokenizer(symbols) : WordTokenizer.build(trainTexts, minCount);
    }

    public Path file() {
        return file;
    }

    /** The training sources (one or more Kaldi dirs or manifests, used together). */
    public List<Path> train() {
        return train;
    }

    public Path dev() {
        return dev;
    }

    public FrontendConfig frontend() {
        return frontend;
    }

    public Training training() {
        return training;
    }

    public String architecture() {
        return model.get(AcousticModel.KEY_ARCHITECTURE);
    }
}
