package org.elman.models.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One utterance of a speech corpus: an id, its speaker, the audio file it lives in, an optional
 * segment of that file, and its transcript.
 *
 * <p>Offsets follow Kaldi's {@code segments} convention: {@code startSeconds} is 0 for a whole file
 * and {@code endSeconds} is negative when the utterance runs to the end of the file (Kaldi writes
 * -1 there). A NeMo entry with {@code offset} o and {@code duration} d becomes start o, end o+d.
 *
 * @param id           utterance id, no whitespace
 * @param speaker      speaker id, no whitespace (Kaldi uses the utterance id when unknown)
 * @param audio        the audio file (WAV, FLAC...; readers do not decode it)
 * @param startSeconds start of the utterance in the file, {@code >= 0}
 * @param endSeconds   end in the file, or negative for "to the end of the file"
 * @param text         the transcript as found in the source (not normalised)
 */
public record Utterance(String id, String speaker, Path audio, double startSeconds, double endSeconds, String text) {

    public Utterance {
        checkToken("utterance id", id);
        checkToken("speaker id", speaker);
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(text, "text");
        if (!(startSeconds >= 0)) throw new IllegalArgumentException("utterance " + id + ": start " + startSeconds + " < 0");
        if (endSeconds >= 0 && endSeconds <= startSeconds) {
            throw new IllegalArgumentException("utterance " + id + ": end " + endSeconds + " <= start " + startSeconds);
        }
    }

    /** A whole-file utterance. */
    public static Utterance whole(String id, String speaker, Path audio, String text) {
        return new Utterance(id, speaker, audio, 0, -1, text);
    }

    /** True when the utterance covers only part of its file (a start offset or a known end). */
    public boolean isSegment() {
        return startSeconds > 0 || endSeconds >= 0;
    }

    /** True when the end is known. */
    public boolean hasEnd() {
        return endSeconds >= 0;
    }

    /** Duration in seconds, or -1 when the end is not known. */
    public double durationSeconds() {
        return hasEnd() ? endSeconds - startSeconds : -1;
    }

    private static void checkToken(String what, String s) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty()) throw new IllegalArgumentException(what + " is empty");
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                throw new IllegalArgumentException(what + " '" + s + "' contains whitespace");
            }
        }
    }
}
