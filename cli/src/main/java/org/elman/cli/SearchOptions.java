package org.elman.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elman.ctc.decode.BeamSearchConfig;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.Lexicon;
import org.elman.ctc.decode.TokenTable;
import org.elman.ctc.decode.WordLmDefaults;
import org.elman.ctc.lm.ArpaLm;
import org.elman.models.speech.Recognizer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The search options shared by {@code transcribe}, {@code eval}, {@code serve} and {@code
 * bench-server}: beam width, word LM (given, or the one bundled beside the default model), its
 * weights and the token threshold; builds the beam decoder they describe.
 */
final class SearchOptions {
    /** Beam width with an LM, hot words or n-best lists unless --beam says otherwise: offline decoding. */
    static final int DEFAULT_LM_BEAM = WordLmDefaults.OFFLINE_BEAM;
    /**
     * The same for the server: with 100 streams on 2 cores (bench-server), beam 64 gave a reply p95
     * of 90 to 139 ms in four runs (the server's target is 100), beam 32 61 to 134 ms in eight
     * (median about 85), for 1 point of dev WER (25.55 against 24.61 %).
     */
    static final int SERVER_LM_BEAM = WordLmDefaults.SERVER_BEAM;

    @Option(names = "--no-lm", description = "With the default model, decode without the language model bundled beside it.")
    boolean noLm;

    @Option(names = "--beam", paramLabel = "N", description = "Beam width; 1 = greedy. Default: the model's stored "
            + "setting; with a language model (the default model has one), hot words or n-best lists " + DEFAULT_LM_BEAM
            + " (serve and bench-server: " + SERVER_LM_BEAM + ", for reply latency).")
    Integer beam;

    @Option(names = "--lm", paramLabel = "FILE.arpa", description = "Word n-gram language model (ARPA, may be gzipped) for "
            + "beam search. Default: with the default model, the *.arpa[.gz] file beside it (see --no-lm).")
    Path lm;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "" + WordLmDefaults.ALPHA, description = "LM weight (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "" + WordLmDefaults.BETA, description = "Word insertion bonus (default ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--unknown-word-penalty", paramLabel = "P", defaultValue = "" + WordLmDefaults.UNKNOWN_WORD_PENALTY,
            description = "Log score added once per word outside the LM's vocabulary, <= 0 (default ${DEFAULT-VALUE}).")
    double unknownWordPenalty;

    @Option(names = "--lm-lookahead", negatable = true, defaultValue = "" + WordLmDefaults.LOOKAHEAD, fallbackValue = "true",
            description = "While a word is spelled, score it by the best unigram of the LM words it can still become "
                    + "(default ${DEFAULT-VALUE}).")
    boolean lmLookahead;

    @Option(names = "--token-threshold", paramLabel = "NATS", defaultValue = "" + WordLmDefaults.TOKEN_THRESHOLD, description = "Beam search "
            + "extends only by tokens at most this many nats below the frame's best (default ${DEFAULT-VALUE}; Infinity: all).")
    double tokenThreshold;

    private ArpaLm arpa;

    /** Checks the option values (usage errors of {@code cl}) and reads a given LM once. */
    void validate(CommandLine cl) throws IOException {
        if (beam != null && beam < 1) throw new CommandLine.ParameterException(cl, "--beam must be >= 1, got " + beam);
        if (!(unknownWordPenalty <= 0)) {
            throw new CommandLine.ParameterException(cl, "--unknown-word-penalty must be <= 0, got " + unknownWordPenalty);
        }
        if (!(tokenThreshold > 0)) throw new CommandLine.ParameterException(cl, "--token-threshold must be > 0, got " + tokenThreshold);
        if (lm != null && noLm) throw new CommandLine.ParameterException(cl, "give either --lm or --no-lm, not both");
        if (lm != null && beam != null && beam < 2) throw new CommandLine.ParameterException(cl, "--lm needs beam search (--beam 2 or more)");
        if (lm != null) arpa = ArpaLm.read(Inputs.file(lm, "language model"));
    }

    /** Whether a word LM is in use (given, or found beside the default model). */
    boolean hasLm() {
        return arpa != null;
    }

    /** The language model file in use (given or the default one), or null. */
    Path lmFile() {
        return lm;
    }

    /**
     * The beam decoder for a model's tokens, or null for greedy decoding. Without {@code --beam}
     * the width is the model's stored one, at least {@code lmBeam} with an LM or when {@code
     * widen} (hot words, n-best), and at least {@code nBest}.
     */
    BeamSearchDecoder beamDecoder(TokenTable tokens, Map<String, String> stored, boolean widen, int nBest, int lmBeam) {
        return beamDecoder(tokens, stored, widen, nBest, lmBeam, alpha, beta);
    }

    /** {@link #beamDecoder(TokenTable, Map, boolean, int, int)} with this LM weight and word bonus instead of --alpha and --beta. */
    BeamSearchDecoder beamDecoder(TokenTable tokens, Map<String, String> stored, boolean widen, int nBest, int lmBeam,
                                  double alpha, double beta) {
        int width = beam != null ? beam : storedBeam(stored);
        if (beam == null && (arpa != null || widen)) width = Math.max(width, Math.max(lmBeam, nBest));
        if (width < 2) return null;
        BeamSearchConfig.Builder b = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(width).optNBest(nBest);
        b.optTokenThreshold(tokenThreshold);
        if (arpa != null) b.optWordLm(arpa, alpha, beta).optUnknownWordPenalty(unknownWordPenalty).optLmLookahead(lmLookahead);
        String lexicon = stored.get(Recognizer.KEY_LEXICON);
        if (lexicon != null && !lexicon.isBlank()) b.optLexicon(new Lexicon(List.of(lexicon.strip().split("\\s+")), tokens));
        return b.build();
    }

    /** The search of a recognition server's streams for this recognizer (null: greedy), with the server's default LM beam. */
    BeamSearchDecoder serverDecoder(Recognizer r) {
        return beamDecoder(Recognizer.tokenTable(r.tokenizer()), r.decodingDefaults(), false, 1, SERVER_LM_BEAM);
    }

    private static int storedBeam(Map<String, String> stored) {
        String s = stored.get(Recognizer.KEY_BEAM_WIDTH);
        return s == null ? 1 : Integer.parseInt(s.strip());
    }

    /** With the default model {@code modelFile}: reads the first {@code *.arpa.gz} or {@code *.arpa} beside it, unless --lm, --no-lm or --beam 1. */
    void useLmBeside(Path modelFile) {
        if (lm != null || noLm || (beam != null && beam < 2)) return;
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
}
