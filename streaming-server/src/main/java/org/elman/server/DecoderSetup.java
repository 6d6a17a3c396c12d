package org.elman.server;

import java.util.List;
import java.util.Map;
import org.elman.audio.feature.FrontendConfig;
import org.elman.ctc.decode.BeamSearchConfig;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.GreedyDecoder;
import org.elman.ctc.decode.Lexicon;
import org.elman.ctc.decode.TokenTable;
import org.elman.models.data.token.Tokenizer;
import org.elman.models.speech.AcousticModel;
import org.elman.models.speech.Recognizer;

/**
 * What every stream shares, read-only: the model (eval mode), front end, token table and decoders
 * built once from a {@link Recognizer}'s settings. Streams that send a {@code phrase_list} decode
 * with beam search of at least {@link #HOT_WORD_BEAM} hypotheses and the phrases as hot words.
 */
final class DecoderSetup {
    static final int HOT_WORD_BEAM = 8;

    private final AcousticModel model;
    private final FrontendConfig frontend;
    private final Tokenizer tokenizer;
    private final TokenTable tokens;
    private final GreedyDecoder greedy;
    private final BeamSearchDecoder beam;
    private final BeamSearchDecoder hotWordBeam;
    private final EndpointRules endpoints;
    private final double hotWordBoost;
    private final int beamWidth;
    private final List<String> lexiconWords;
    private final Map<Integer, BeamSearchDecoder> nBestBeams = new java.util.concurrent.ConcurrentHashMap<>();

    DecoderSetup(Recognizer r, EndpointRules endpoints, double hotWordBoost) {
        r.newSession();   // throws with a clear message when the model or settings cannot stream
        this.model = r.model();
        this.frontend = r.frontend();
        this.tokenizer = r.tokenizer();
        this.tokens = Recognizer.tokenTable(tokenizer);
        this.endpoints = endpoints;
        this.hotWordBoost = hotWordBoost;
        Map<String, String> d = r.decodingDefaults();
        int width = Integer.parseInt(d.getOrDefault(Recognizer.KEY_BEAM_WIDTH, "1"));
        String lexicon = d.get(Recognizer.KEY_LEXICON);
        List<String> words = lexicon == null ? null : List.of(lexicon.trim().split("\\s+"));
        this.beamWidth = width;
        this.lexiconWords = words;
        this.greedy = new GreedyDecoder(tokens);
        this.beam = width > 1 ? beam(width, words) : null;
        this.hotWordBeam = beam(Math.max(width, HOT_WORD_BEAM), words);
    }

    private BeamSearchDecoder beam(int width, List<String> lexicon) {
        return beam(width, 1, lexicon);
    }

    private BeamSearchDecoder beam(int width, int nBest, List<String> lexicon) {
        BeamSearchConfig.Builder c = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(width).optNBest(nBest);
        if (lexicon != null) c.optLexicon(new Lexicon(lexicon, tokens));
        return c.build();
    }

    AcousticModel model() {
        return model;
    }

    FrontendConfig frontend() {
        return frontend;
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    TokenTable tokens() {
        return tokens;
    }

    GreedyDecoder greedy() {
        return greedy;
    }

    /** The default stream's beam decoder, or null for greedy decoding. */
    BeamSearchDecoder beam() {
        return beam;
    }

    BeamSearchDecoder hotWordBeam() {
        return hotWordBeam;
    }

    /**
     * Beam search returning up to {@code n} hypotheses (clients asking for {@code max_alternatives});
     * width at least {@link #HOT_WORD_BEAM} and {@code n}; built once per {@code n}.
     */
    BeamSearchDecoder nBestBeam(int n) {
        return nBestBeams.computeIfAbsent(n, k -> beam(Math.max(Math.max(beamWidth, HOT_WORD_BEAM), k), k, lexiconWords));
    }

    EndpointRules endpoints() {
        return endpoints;
    }

    double hotWordBoost() {
        return hotWordBoost;
    }
}
