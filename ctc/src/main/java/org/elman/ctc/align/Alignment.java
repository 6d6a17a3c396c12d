package org.elman.ctc.align;

import java.util.List;

/**
 * A forced alignment: the single best CTC path for a known transcript.
 *
 * @param frameStates per frame, the index of the target token it emits, or -1 for blank
 * @param tokens      per target token (separators included), its frames
 * @param words       per word (tokens between separators), its frames and confidence
 * @param logProb     log-probability of the best path (Viterbi score)
 */
public record Alignment(int[] frameStates, List<TokenSpan> tokens, List<WordSpan> words, double logProb) {
    /**
     * @param token      token id
     * @param start      first frame
     * @param end        one past the last frame
     * @param confidence mean frame posterior {@code exp(lp_t(token))} over the token's frames
     */
    public record TokenSpan(int token, int start, int end, double confidence) {}

    /**
     * @param word       the word text
     * @param start      first frame of its first token
     * @param end        one past the last frame of its last token
     * @param confidence mean of its tokens' confidences
     */
    public record WordSpan(String word, int start, int end, double confidence) {}
}
