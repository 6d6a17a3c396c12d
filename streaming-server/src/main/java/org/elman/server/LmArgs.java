package org.elman.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.WordLmDefaults;
import org.elman.ctc.lm.ArpaLm;
import org.elman.models.speech.Recognizer;

/**
 * The word-LM options of {@link ServerMain}: {@code --lm FILE [--beam 32] [--alpha 0.6] [--beta
 * 1.0]}, with {@link WordLmDefaults} for what is not given (as {@code elman serve}).
 */
final class LmArgs {
    static final String USAGE = "[--lm FILE.arpa[.gz] [--beam 32] [--alpha 0.6] [--beta 1.0]]";

    private Path lm;
    private Integer beam;
    private Double alpha;
    private Double beta;

    /** Takes one option and its value; false when the option is not one of these. */
    boolean accept(String key, String value) {
        switch (key) {
            case "--lm" -> lm = Path.of(value);
            case "--beam" -> beam = ServerMain.integer(key, value);
            case "--alpha" -> alpha = number(key, value);
            case "--beta" -> beta = number(key, value);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Usage errors: settings without {@code --lm}, a beam below 2, a missing LM file. */
    void validate() {
        if (lm == null && (beam != null || alpha != null || beta != null)) {
            throw new IllegalArgumentException("--beam, --alpha and --beta set the word-LM search: give --lm FILE too");
        }
        if (beam != null && beam < 2) throw new IllegalArgumentException("--beam must be at least 2 with --lm, got " + beam);
        if (lm != null && !Files.isRegularFile(lm)) throw new IllegalArgumentException("--lm: no such file: " + lm);
    }

    /** The LM read from its file, or null without {@code --lm}. */
    ArpaLm read() throws IOException {
        return lm == null ? null : ArpaLm.read(lm);
    }

    /** The beam search over the recognizer's tokens with the given LM. */
    BeamSearchDecoder search(Recognizer r, ArpaLm arpa) {
        return BeamSearchDecoder.builder().setTokens(Recognizer.tokenTable(r.tokenizer()))
                .optBeamWidth(beam == null ? WordLmDefaults.SERVER_BEAM : beam).optTokenThreshold(WordLmDefaults.TOKEN_THRESHOLD)
                .optWordLm(arpa, alpha == null ? WordLmDefaults.ALPHA : alpha, beta == null ? WordLmDefaults.BETA : beta)
                .optUnknownWordPenalty(WordLmDefaults.UNKNOWN_WORD_PENALTY)
                .optLmLookahead(WordLmDefaults.LOOKAHEAD).build();
    }

    private static double number(String key, String v) {
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " needs a finite number, got '" + v + "'");
    }
}
