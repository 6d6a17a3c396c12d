package org.elman.ctc.decode;

/**
 * One decoding result.
 *
 * @param tokens   emitted token ids (blanks removed, repeats merged)
 * @param frames   for each token, the frame where it was emitted (stream-global index)
 * @param text     the tokens joined, separators as spaces
 * @param score    total log score used for ranking (acoustic + language model + bonuses)
 * @param acoustic the CTC log-probability of the prefix ({@code log(p_blank + p_nonblank)})
 */
public record Hypothesis(int[] tokens, int[] frames, String text, double score, double acoustic) {}
