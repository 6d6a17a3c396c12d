package org.elman.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elman.ctc.decode.BeamSearchConfig;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.Lexicon;
import org.elman.ctc.decode.TokenTable;
import org.elman.ctc.lm.ArpaLm;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.Recognizer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The model and decoding options shared by {@code transcribe} and {@code eval}: which model file,
 * greedy or beam search, word LM, hot words, n-best, workers and window length.
 */
final class DecodeSettings {
    /** System property replacing the default model search (a path; for tests and packagers). */
    static final String DEFAULT_MODEL_PROPERTY = "elman.default.model";
    /** System property naming the installation folder (set by {@code bin/elman}); its models/default is searched first. */
    static final String HOME_PROPERTY = "elman.home";
    static final int DEFAULT_LM_BEAM = 64;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "Speech model file (.safetensors written by Elman). "
            + "Default: the bundled model (models/default/*.safetensors of the installation or the current folder), "
            + "else $ELMAN_MODELS or ~/.elman/models/default.safetensors.")
    Path model;

    @Option(names = "--no-lm", description = "With the default model, decode without the language model bundled beside it.")
    boolean noLm;

    @Option(names = "--beam", paramLabel = "N", description = "Beam width; 1 = greedy. Default: the model's stored "
            + "setting, or " + DEFAULT_LM_BEAM + " with --lm, --hotword or --nbest.")
    Integer beam;

    @Option(names = "--lm", paramLabel = "FILE.arpa", description = "Word n-gram language model (ARPA, may be gzipped) for "
            + "beam search. Default: with the default model, the *.arpa[.gz] file beside it (see --no-lm).")
    Path lm;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.6", description = "LM weight (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1.0", description = "Word insertion bonus (default ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--unknown-word-penalty", paramLabel = "P", defaultValue = "-30",
            description = "Log score added once per word outside the LM's vocabulary, <= 0 (default ${DEFAULT-VALUE}).")
    double unknownWordPenalty;

    @Option(names = "--token-threshold", paramLabel = "NATS", defaultValue = "10", description = "Beam search "
            + "extends only by tokens at most this many nats below the frame's best (default ${DEFAULT-VALUE}; Infinity: all).")
    double tokenThreshold;

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
    private ArpaLm arpa;

    /** Checks option values (usage errors) and reads the LM once. */
    void validate() throws IOException {
        if (beam != null && beam < 1) throw usage("--beam must be >= 1, got " + beam);
        if (nBest < 1) throw usage("--nbest must be >= 1, got " + nBest);
        if (!(unknownWordPenalty <= 0)) throw usage("--unknown-word-penalty must be <= 0, got " + unknownWordPenalty);
        if (!(tokenThreshold > 0)) throw usage("--token-threshold must be > 0, got " + tokenThreshold);
        if (workers < 1) throw usage("--workers must be >= 1, got " + workers);
        if (!(windowSeconds >= 0.1)) throw usage("--window must be at least 0.1 s, got " + windowSeconds);
        hotWords = parseHotWords();
        boolean needsBeam = lm != null || !hotWords.isEmpty() || nBest > 1;
        if (needsBeam && beam != null && beam < 2) throw usage("--lm, --hotword and --nbest need beam search (--beam 2 or more)");
        if (beam != null && nBest > beam) throw usage("--nbest " + nBest + " is larger than --beam " + beam);
        if (lm != null && noLm) throw usage("give either --lm or --no-lm, not both");
        if (lm != null) arpa = ArpaLm.read(Inputs.file(lm, "language model"));
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

    /** The beam decoder for a model's tokens, or null for greedy decoding. */
    BeamSearchDecoder beamDecoder(TokenTable tokens, Map<String, String> stored) {
        int width = beam != null ? beam : storedBeam(stored);
        if (beam == null && (arpa != null || !hotWords.isEmpty() || nBest > 1)) width = Math.max(width, Math.max(DEFAULT_LM_BEAM, nBest));
        if (width < 2) return null;
        BeamSearchConfig.Builder b = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(width).optNBest(nBest);
        b.optTokenThreshold(tokenThreshold);
        if (arpa != null) b.optWordLm(arpa, alpha, beta).optUnknownWordPenalty(unknownWordPenalty);
        String lexicon = stored.get(Recognizer.KEY_LEXICON);
        if (lexicon != null && !lexicon.isBlank()) b.optLexicon(new Lexicon(List.of(lexicon.strip().split("\\s+")), tokens));
        return b.build();
    }

    private static int storedBeam(Map<String, String> stored) {
        String s = stored.get(Recognizer.KEY_BEAM_WIDTH);
        return s == null ? 1 : Integer.parseInt(s.strip());
    }

    /** The model file to use: --model, else the default one; fails in one line when there is none. */
    Path modelFile() {
        if (model != null) return Inputs.file(model, "model file");
        for (Path p : defaultCandidates()) {
            if (Files.isRegularFile(p)) {
                if (lm == null && !noLm) useLmBeside(p);
                return p;
            }
        }
        throw new CliException("no model: none given with --model and no default model (models/default/*.safetensors, "
                + ModelsCommand.defaultDir().resolve("default.safetensors") + "); train one (a corpus from 'elman data synth', "
                + "then 'elman train recipes/synth-en/conf/tdnn.yaml') or get one, then pass --model FILE or put it there");
    }

    /**
     * The model file for a server: {@code model} if given, else the default one, with no word LM
     * loaded (the server decodes without it).
     */
    static Path serverModelFile(Path model) {
        DecodeSettings s = new DecodeSettings();
        s.model = model;
        s.noLm = true;
        return s.modelFile();
    }

    /** Reads the first {@code *.arpa.gz} or {@code *.arpa} in the default model's folder, if any. */
    private void useLmBeside(Path modelFile) {
        Path dir = modelFile.toAbsolutePath().getParent();
        try (Stream<Path> s = Files.list(dir)) {
            Path found = s.filter(p -> p.toString().endsWith(".arpa.gz") || p.toString().endsWith(".arpa")).sorted()
                    .findFirst().orElse(null);
            if (found == null) return;
            arpa = ArpaLm.read(found);
            lm = found;
        } catch (IOException e) {
            throw new CliException(dir + ": cannot read the default language model: " + ErrorReporter.describe(e), e);
        }
    }

    /** The language model file in use (given or the default one), or null. */
    Path lmFile() {
        return lm;
    }

    /** Loads the model file, naming it in any error. */
    ModelFiles.Loaded load(Path file) {
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
