package org.elman.server;

/**
 * When an utterance ends inside a stream. Checked after each audio message; an endpoint finishes the
 * current utterance (the model and decoder are flushed, a {@code result} is sent) and the next audio
 * starts a fresh one. Times are measured in model output frames converted to milliseconds.
 *
 * @param trailingSilenceMs  after at least one word, this much trailing blank output ends the
 *                           utterance; 0 disables the rule
 * @param maxUtteranceMs     an utterance longer than this ends at the next message; 0 disables it
 * @param silenceOnlyMs      with no word yet, this much audio ends an empty utterance (its result
 *                           has empty text); 0 disables the rule
 */
public record EndpointRules(int trailingSilenceMs, int maxUtteranceMs, int silenceOnlyMs) {
    public EndpointRules {
        if (trailingSilenceMs < 0) throw new IllegalArgumentException("trailing silence must be >= 0 ms, got " + trailingSilenceMs);
        if (maxUtteranceMs < 0) throw new IllegalArgumentException("maximum utterance length must be >= 0 ms, got " + maxUtteranceMs);
        if (silenceOnlyMs < 0) throw new IllegalArgumentException("silence-only limit must be >= 0 ms, got " + silenceOnlyMs);
    }

    /** 500 ms trailing silence after speech, 20 s maximum utterance, 10 s of silence alone. */
    public static EndpointRules defaults() {
        return new EndpointRules(500, 20_000, 10_000);
    }

    /** No endpoints: one utterance until {@code eof} or {@code reset}. */
    public static EndpointRules none() {
        return new EndpointRules(0, 0, 0);
    }

    /** Whether an utterance of {@code lengthMs} with {@code trailingMs} of blank after its last word ends. */
    boolean reached(boolean hasWords, double lengthMs, double trailingMs) {
        if (maxUtteranceMs > 0 && lengthMs >= maxUtteranceMs) return true;
        if (hasWords) return trailingSilenceMs > 0 && trailingMs >= trailingSilenceMs;
        return silenceOnlyMs > 0 && lengthMs >= silenceOnlyMs;
    }
}
