package org.elman.models.data.synth;

import java.nio.file.Path;
import java.util.List;

/**
 * The command lines the recipe runs (kept apart from process handling so tests can check them).
 * Text is always passed in a file, never on the command line. Every engine writes a raw WAV at
 * its native rate, which {@link #sox} converts to 16 kHz mono 16-bit; {@code -R -D} make reruns
 * byte-identical (no random dither).
 */
public final class EngineCommands {
    private EngineCommands() {
    }

    /** espeak-ng or espeak writing {@code raw} from the text in {@code textFile}. */
    public static List<String> espeak(PlannedUtterance u, Path textFile, Path raw) {
        return List.of(u.voice().family(), "-v", u.voice().name(), "-s", Integer.toString(u.speedWpm()),
                "-p", Integer.toString(u.pitch()), "-w", raw.toString(), "-f", textFile.toString());
    }

    /** flite with the utterance's voice. */
    public static List<String> flite(PlannedUtterance u, Path textFile, Path raw) {
        return List.of("flite", "-voice", u.voice().name(), "-f", textFile.toString(), "-o", raw.toString());
    }

    /** The 16 kHz mono 16-bit conversion. */
    public static List<String> sox(Path raw, Path out) {
        return List.of("sox", "-R", "-D", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer",
                out.toString());
    }

    /**
     * A festival batch script: one voice selection then one {@code utt.save.wave} per utterance.
     * The speakable text never holds a double quote or backslash ({@link SentenceFilter}), so it
     * goes into a Scheme string as is.
     */
    public static String festivalScript(String voiceName, List<PlannedUtterance> batch, List<Path> raws) {
        StringBuilder sb = new StringBuilder("(voice_" + voiceName + ")\n");
        for (int i = 0; i < batch.size(); i++) {
            String text = batch.get(i).sentence().speakable();
            if (text.indexOf('"') >= 0 || text.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("festival text may not contain '\"' or '\\': " + text);
            }
            sb.append("(utt.save.wave (utt.synth (Utterance Text \"").append(text).append("\")) \"")
                    .append(raws.get(i)).append("\" 'riff)\n");
        }
        return sb.toString();
    }
}
