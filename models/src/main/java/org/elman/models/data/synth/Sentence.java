package org.elman.models.data.synth;

/**
 * A training sentence.
 *
 * @param source     the text source it came from (e.g. {@code fortunes})
 * @param speakable  the text given to the synthesiser: lower case, ASCII letters, apostrophes,
 *                   spaces and the punctuation {@code , . ; : ! ? -} (kept for prosody)
 * @param transcript the normalised transcript ({@link org.elman.models.data.token.TextNormalizer})
 */
public record Sentence(String source, String speakable, String transcript) {
    /** Number of words in the transcript. */
    public int words() {
        return transcript.isEmpty() ? 0 : transcript.split(" ").length;
    }
}
