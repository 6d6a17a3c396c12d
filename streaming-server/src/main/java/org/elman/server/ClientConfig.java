package org.elman.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's stream settings, from the optional {@code {"config" : {...}}} message.
 *
 * @param sampleRateHz    rate of the client's PCM16 audio (resampled to the model's rate)
 * @param words           whether results carry per-word times
 * @param phraseList      phrases to favour (hot words), empty for none
 * @param maxAlternatives 0: plain results; N &gt; 0: final results as up to N alternatives (n-best of
 *                        CTC prefix beam search), vosk-server's {@code "alternatives"} form
 */
public record ClientConfig(int sampleRateHz, boolean words, List<String> phraseList, int maxAlternatives) {
    /** Lowest and highest accepted client sample rates. */
    public static final int MIN_RATE_HZ = 4000;
    public static final int MAX_RATE_HZ = 192_000;
    /** Largest accepted {@code max_alternatives}. */
    public static final int MAX_ALTERNATIVES = 32;

    public ClientConfig {
        if (maxAlternatives < 0 || maxAlternatives > MAX_ALTERNATIVES) {
            throw new IllegalArgumentException("max_alternatives must be in 0.." + MAX_ALTERNATIVES + ", got " + maxAlternatives);
        }
        phraseList = phraseList == null ? List.of() : List.copyOf(phraseList);
    }

    /** Plain results (no alternatives). */
    public ClientConfig(int sampleRateHz, boolean words, List<String> phraseList) {
        this(sampleRateHz, words, phraseList, 0);
    }

    public static ClientConfig defaults(int sampleRateHz) {
        return new ClientConfig(sampleRateHz, true, List.of());
    }

    /** Applies the fields of a {@code config} object over these settings; bad values throw with the field named. */
    public ClientConfig with(JsonNode c) {
        if (c == null || !c.isObject()) throw new IllegalArgumentException("'config' must be a JSON object");
        int rate = sampleRateHz;
        boolean w = words;
        List<String> phrases = phraseList;
        JsonNode r = c.get("sample_rate");
        if (r != null) {
            if (!r.isNumber() || r.asDouble() != Math.rint(r.asDouble())) throw new IllegalArgumentException("sample_rate must be a whole number, got " + r);
            double v = r.asDouble();
            if (v < MIN_RATE_HZ || v > MAX_RATE_HZ) throw new IllegalArgumentException("sample_rate must be in " + MIN_RATE_HZ + ".." + MAX_RATE_HZ + " Hz, got " + r);
            rate = (int) v;
        }
        JsonNode wn = c.get("words");
        if (wn != null) {
            if (!wn.isBoolean()) throw new IllegalArgumentException("words must be true or false, got " + wn);
            w = wn.asBoolean();
        }
        int alternatives = maxAlternatives;
        JsonNode alt = c.get("max_alternatives");
        if (alt != null) {
            if (!alt.isNumber() || alt.asDouble() != Math.rint(alt.asDouble()) || alt.asDouble() < 0 || alt.asDouble() > MAX_ALTERNATIVES) {
                throw new IllegalArgumentException("max_alternatives must be a whole number in 0.." + MAX_ALTERNATIVES + ", got " + alt);
            }
            alternatives = alt.asInt();
        }
        JsonNode pl = c.get("phrase_list");
        if (pl != null) phrases = phrases(pl);
        return new ClientConfig(rate, w, phrases, alternatives);
    }

    private static List<String> phrases(JsonNode pl) {
        if (!pl.isArray()) throw new IllegalArgumentException("phrase_list must be an array of strings");
        if (pl.size() > 1000) throw new IllegalArgumentException("phrase_list has " + pl.size() + " entries, at most 1000");
        List<String> out = new ArrayList<>();
        for (JsonNode p : pl) {
            if (!p.isTextual() || p.asText().isBlank()) throw new IllegalArgumentException("phrase_list entries must be non-empty strings, got " + p);
            out.add(p.asText().strip());
        }
        return List.copyOf(out);
    }
}
