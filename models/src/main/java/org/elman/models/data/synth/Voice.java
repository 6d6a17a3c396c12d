package org.elman.models.data.synth;

/**
 * One synthetic speaker.
 *
 * @param family   engine family: {@code espeak-ng}, {@code espeak}, {@code flite}, {@code festival}, {@code freetts}
 * @param name     the engine's voice name ({@code en-us+f3}, {@code kal16}, {@code kal_diphone}, {@code kevin16})
 * @param heldOut  true when the voice is only used in dev and test
 */
public record Voice(String family, String name, boolean heldOut) {
    /** Speaker id used in the corpus: family and name with characters other than a-z0-9 as '-'. */
    public String id() {
        return (family.replace("-", "") + "-" + name).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    /** True for espeak-ng and espeak, whose speed and pitch the plan varies on espeak's scales. */
    public boolean isEspeak() {
        return family.equals(VoiceCatalog.ESPEAK_NG) || family.equals(VoiceCatalog.ESPEAK);
    }

    /** True for FreeTTS, whose speed (words per minute) and pitch (Hz) the plan varies. */
    public boolean isFreeTts() {
        return family.equals(VoiceCatalog.FREETTS);
    }
}
