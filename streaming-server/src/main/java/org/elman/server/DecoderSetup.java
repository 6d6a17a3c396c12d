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
 * built once, either from a given beam search (its word LM, weights and token threshold) or from
 * the {@link Recognizer}'s stored settings. Streams that send a {@code phrase_list} decode with
 * the same search widened to at least {@link #HOT_WORD_BEAM} hypotheses and the phrases as hot
 * words; streams that ask for alternatives, with it widened to their number.
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
    private final BeamSearchConfig search; // the settings every beam decoder here derives from
    private final Map<Integer, BeamSearchDecoder> nBestBeams = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code search}: the default streams' beam search, or null for the model's stored decoding settings. */
    DecoderSetup(Recognizer r, EndpointRules endpoints, double hotWordBoost, BeamSearchDecoder search) {
        r.newSession();   // throws with a clear message when the model or settings cannot stream
        this.model = r.model();
        this.frontend = r.frontend();
        this.tokenizer = r.tokenizer();
        this.tokens = Recognizer.tokenTable(tokenizer);
        this.endpoints = endpoints;
        this.hotWordBoost = hotWordBoost;
        this.greedy = new GreedyDecoder(tokens);
        if (search != null) requireSameTokens(search.config().tokens(), tokens);
        BeamSearchDecoder given = search != null ? search : storedSearch(r.decodingDefaults(), tokens);
        this.search = given.config();
        this.beam = this.search.beamWidth() > 1 ? given : null;
        this.hotWordBeam = widened(HOT_WORD_BEAM, 1);
    }

    /** Beam search as the model's stored settings say: their width and lexicon, no LM. */
    private static BeamSearchDecoder storedSearch(Map<String, String> d, TokenTable tokens) {
        int width = Integer.parseInt(d.getOrDefault(Recognizer.KEY_BEAM_WIDTH, "1"));
        String lexicon = d.get(Recognizer.KEY_LEXICON);
        BeamSearchConfig.Builder c = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(width);
        if (lexicon != null) c.optLexicon(new Lexicon(List.of(lexicon.trim().split("\\s+")), tokens));
        return c.build();
    }

    private static void requireSameTokens(TokenTable given, TokenTable model) {
        boolean same = given.size() == model.size() && given.blank() == model.blank() && given.separator() == model.separator();
        for (int v = 0; same && v < given.size(); v++) same = given.text(v).equals(model.text(v));
        if (!same) throw new IllegalArgumentException("the beam search's token table does not match the model's tokens");
    }

    /** The shared search with at least {@code width} hypotheses (and {@code n} of them returned). */
    private BeamSearchDecoder widened(int width, int n) {
        return search.toBuilder().optBeamWidth(Math.max(search.beamWidth(), Math.max(width, n))).optNBest(n).build();
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
        return nBestBeams.computeIfAbsent(n, k -> widened(HOT_WORD_BEAM, k));
    }

    EndpointRules endpoints() {
        return endpoints;
    }

    double hotWordBoost() {
        return hotWordBoost;
    }
}
