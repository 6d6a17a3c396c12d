package org.elman.models.data.synth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The voices the synthetic corpus may use (only those allowed for training by
 * {@code shared/data/README.md}), grouped by engine family with a sampling weight per family.
 *
 * <p>Family weights: festival 0.35, flite 0.25, espeak-ng 0.25, espeak 0.15, FreeTTS 0.15 (relative:
 * with all five, festival gets 30 % of the utterances and FreeTTS 13 %), so the diphone voices
 * (closest to human speech) get the most audio and espeak-ng does not dominate although it has by
 * far the most voices. FreeTTS came last and its weight was added on top, so a catalogue of the
 * first four families ({@link #only}) plans exactly as the recipe did before FreeTTS joined.
 *
 * <p>Held out (dev/test only): espeak-ng accents {@code en-029} and {@code en-gb-x-gbcwmd} (with
 * every variant), espeak-ng variants {@code m6}, {@code f3}, {@code klatt2} (with every accent),
 * espeak 1.48 accent {@code en-wi} and variant {@code m6}, and flite {@code kal} (8 kHz). Both
 * festival voices and FreeTTS {@code kevin16} are used in every split.
 */
public final class VoiceCatalog {
    public static final String ESPEAK_NG = "espeak-ng";
    public static final String ESPEAK = "espeak";
    public static final String FLITE = "flite";
    public static final String FESTIVAL = "festival";
    public static final String FREETTS = "freetts";

    static final List<String> NG_ACCENTS = List.of("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp",
            "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc");
    static final List<String> NG_VARIANTS = List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4",
            "klatt", "klatt2", "klatt3", "croak");
    static final List<String> NG_HELD_ACCENTS = List.of("en-029", "en-gb-x-gbcwmd");
    static final List<String> NG_HELD_VARIANTS = List.of("m6", "f3", "klatt2");
    static final List<String> ES_ACCENTS = List.of("en", "en-us", "en-sc", "en-n", "en-rp", "en-wm", "en-wi");
    static final List<String> ES_VARIANTS = List.of("m1", "m2", "m3", "m4", "m6", "f1", "f2", "f4", "klatt");
    static final List<String> ES_HELD_ACCENTS = List.of("en-wi");
    static final List<String> ES_HELD_VARIANTS = List.of("m6");

    private final Map<String, Double> weights;
    private final Map<String, List<Voice>> voices;

    private VoiceCatalog(Map<String, Double> weights, Map<String, List<Voice>> voices) {
        this.weights = weights;
        this.voices = voices;
    }

    /** The default catalogue described in the class comment. */
    public static VoiceCatalog standard() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put(FESTIVAL, 0.35);
        w.put(FLITE, 0.25);
        w.put(ESPEAK_NG, 0.25);
        w.put(ESPEAK, 0.15);
        w.put(FREETTS, 0.15);
        Map<String, List<Voice>> v = new LinkedHashMap<>();
        v.put(FESTIVAL, List.of(new Voice(FESTIVAL, "kal_diphone", false), new Voice(FESTIVAL, "ked_diphone", false)));
        v.put(FLITE, List.of(new Voice(FLITE, "kal16", false), new Voice(FLITE, "kal", true)));
        v.put(ESPEAK_NG, cross(ESPEAK_NG, NG_ACCENTS, NG_VARIANTS, NG_HELD_ACCENTS, NG_HELD_VARIANTS));
        v.put(ESPEAK, cross(ESPEAK, ES_ACCENTS, ES_VARIANTS, ES_HELD_ACCENTS, ES_HELD_VARIANTS));
        v.put(FREETTS, List.of(new Voice(FREETTS, FreeTtsEngine.VOICE, false)));
        return new VoiceCatalog(w, v);
    }

    /**
     * This catalogue restricted to the given engine families, in this catalogue's order and with
     * their weights unchanged.
     *
     * @throws IllegalArgumentException when a family is unknown or none is given
     */
    public VoiceCatalog only(Collection<String> families) {
        if (families.isEmpty()) throw new IllegalArgumentException("no engine family chosen; known: " + weights.keySet());
        for (String f : families) {
            if (!weights.containsKey(f)) {
                throw new IllegalArgumentException("unknown engine family '" + f + "'; known: " + weights.keySet());
            }
        }
        Map<String, Double> w = new LinkedHashMap<>();
        Map<String, List<Voice>> v = new LinkedHashMap<>();
        for (String f : weights.keySet()) {
            if (families.contains(f)) {
                w.put(f, weights.get(f));
                v.put(f, voices.get(f));
            }
        }
        return new VoiceCatalog(w, v);
    }

    private static List<Voice> cross(String family, List<String> accents, List<String> variants,
                                     List<String> heldAccents, List<String> heldVariants) {
        List<Voice> out = new ArrayList<>();
        for (String a : accents) {
            for (String v : variants) {
                boolean held = heldAccents.contains(a) || heldVariants.contains(v);
                out.add(new Voice(family, a + "+" + v, held));
            }
        }
        return out;
    }

    /** Families in a fixed order with their weights. */
    public Map<String, Double> weights() {
        return weights;
    }

    /** The voices of a family usable in a split: training voices for train; held-out ones otherwise. */
    public List<Voice> voices(String family, boolean heldOut) {
        return voices.get(family).stream().filter(v -> v.heldOut() == heldOut).toList();
    }

    /** Every voice. */
    public List<Voice> all() {
        return voices.values().stream().flatMap(List::stream).toList();
    }
}
