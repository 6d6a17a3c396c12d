package org.elman.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.TokenTable;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.Recognizer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The model and decoding options shared by {@code transcribe} and {@code eval}: which model file,
 * the search ({@link SearchOptions}: greedy or beam search, word LM), hot words, n-best, workers
 * and window length.
 */
final class DecodeSettings {
    /** System property replacing the default model search (a path; for tests and packagers). */
    static final String DEFAULT_MODEL_PROPERTY = "elman.default.model";
    /** System property naming the installation folder (set by {@code bin/elman}); its models/default is searched first. */
    static final String HOME_PROPERTY = "elman.home";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "Speech model file (.safetensors written by Elman). "
            + "Default: the bundled model (models/default/*.safetensors of the installation or the current folder), "
            + "else $ELMAN_MODELS or ~/.elman/models/default.safetensors.")
    Path model;

    @Mixin
    SearchOptions search = new SearchOptions();

    @Option(names = "--hotword", paramLabel = "PHRASE:BOOST", description = "Boost a word or phrase in beam search "
            + "(log-domain bonus per matched token), e.g. \"new york:2.0\". Repeatable.")
    List<String> hotwordSpecs = new ArrayList<>();

    @Option(names = "--nbest", paramLabel = "N", defaultValue = "1", description = "Alternatives per decoding window (default 1).")
    int nBest;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Inputs decoded in parallel (default 1).")
    int workers;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "30", description = "Audio decoded at a time; "
            + "bounds memory for long files (default ${DEFAULT-VALUE}).")
    double windowSeconds;

    private Map<String, Double> hotWords;

    /** Checks option values (usage errors) and reads a given LM once. */
    void validate() throws IOException {
        search.validate(spec.commandLine());
        Integer beam = search.beam;
        if (nBest < 1) throw usage("--nbest must be >= 1, got " + nBest);
        if (workers < 1) throw usage("--workers must be >= 1, got " + workers);
        if (!(windowSeconds >= 0.1)) throw usage("--window must be at least 0.1 s, got " + windowSeconds);
        hotWords = parseHotWords();
        boolean needsBeam = !hotWords.isEmpty() || nBest > 1;
        if (needsBeam && beam != null && beam < 2) throw usage("--hotword and --nbest need beam search (--beam 2 or more)");
        if (beam != null && nBest > beam) throw usage("--nbest " + nBest + " is larger than --beam " + beam);
    }

    private Map<String, Double> parseHotWords() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String h : hotwordSpecs) {
            int colon = h.lastIndexOf(':');
            if (colon <= 0 || h.substring(0, colon).isBlank()) throw usage("--hotword '" + h + "': expected PHRASE:BOOST");
            try {
                m.put(h.substring(0, colon).strip(), Double.parseDouble(h.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw usage("--hotword '" + h + "': boost '" + h.substring(colon + 1) + "' is not a number");
            }
        }
        return m;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    Map<String, Double> hotWords() {
        return hotWords;
    }

    int nBest() {
        return nBest;
    }

    double windowSeconds() {
        return windowSeconds;
    }

    /** The beam decoder for a model's tokens, or null for greedy decoding ({@link SearchOptions#beamDecoder}). */
    BeamSearchDecoder beamDecoder(TokenTable tokens, Map<String, String> stored) {
        return search.beamDecoder(tokens, stored, !hotWords.isEmpty() || nBest > 1, nBest, SearchOptions.DEFAULT_LM_BEAM);
    }

    /** The model file to use: --model, else the default one; fails in one line when there is none. */
    Path modelFile() {
        return modelFile(model, search);
    }

    /**
     * {@code model} if given, else the default model, whose bundled LM {@code search} then loads
     * (unless it says otherwise); fails in one line when there is none.
     */
    static Path modelFile(Path model, SearchOptions search) {
        if (model != null) return Inputs.file(model, "model file");
        for (Path p : defaultCandidates()) {
            if (Files.isRegularFile(p)) {
                search.useLmBeside(p);
                return p;
            }
        }
        throw noModel();
    }

    private static CliException noModel() {
        return new CliException("no model: none given with --model and no default model (models/default/*.safetensors, "
                + ModelsCommand.defaultDir().resolve("default.safetensors") + "); train one (a corpus from 'elman data synth', "
                + "then 'elman train recipes/synth-en/conf/tdnn.yaml') or get one, then pass --model FILE or put it there");
    }

    /** A model file and the recognizer with its stored decoding defaults. */
    record Loaded(Path file, Recognizer recognizer) {}

    /**
     * The model a server streams: {@code model} if given (checked later, when the server is built),
     * else the first default model that can stream (a bidirectional default is for offline use),
     * whose bundled LM {@code search} then loads as {@link #modelFile(Path, SearchOptions)} does.
     */
    static Loaded streamingModel(Path model, SearchOptions search) {
        if (model != null) {
            Path file = Inputs.file(model, "model file");
            return new Loaded(file, load(file).recognizer());
        }
        List<Path> offlineOnly = new ArrayList<>();
        for (Path p : defaultCandidates()) {
            if (!Files.isRegularFile(p)) continue;
            Recognizer r = load(p).recognizer();
            if (r.canStream()) {
                search.useLmBeside(p);
                return new Loaded(p, r);
            }
            offlineOnly.add(p);
        }
        if (offlineOnly.isEmpty()) throw noModel();
        throw new CliException("no default model can stream (" + offlineOnly + " " + (offlineOnly.size() == 1 ? "needs" : "need")
                + " whole utterances); pass --model FILE with a streaming model, such as a TDNN trained with 'utterance_cmvn: false'");
    }

    /** The language model file in use (given or the default one), or null. */
    Path lmFile() {
        return search.lmFile();
    }

    /** Loads the model file, naming it in any error. */
    static ModelFiles.Loaded load(Path file) {
        try {
            return ModelFiles.load(file);
        } catch (IOException | RuntimeException e) {
            String m = ErrorReporter.describe(e);
            throw new CliException(m.startsWith(file.toString()) ? m : file + ": " + m, e);
        }
    }

    static List<Path> defaultCandidates() {
        String override = System.getProperty(DEFAULT_MODEL_PROPERTY);
        if (override != null) return List.of(Path.of(override));
        List<Path> c = new ArrayList<>();
        Path bundled = bundledDir();
        if (bundled != null) addModelsIn(bundled, c);
        addModelsIn(Path.of("models", "default"), c);
        c.add(ModelsCommand.defaultDir().resolve("default.safetensors"));
        return c;
    }

    /** The installation's {@code models/default} folder (from {@value #HOME_PROPERTY}), or null when unset. */
    static Path bundledDir() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null ? null : Path.of(home, "models", "default");
    }

    private static void addModelsIn(Path dir, List<Path> out) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".safetensors")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new CliException(dir + ": cannot list the default model folder: " + ErrorReporter.describe(e), e);
        }
    }
}
