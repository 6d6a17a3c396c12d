package org.elman.server.bench;

/**
 * What one simulated stream saw.
 *
 * @param framesSent  audio messages sent
 * @param replies     latency of each audio message's reply (ms from sending it to its reply)
 * @param finalLagMs  ms from sending {@code eof} to the final result; NaN when it never came
 * @param error       why the stream failed (connect error, error reply, early close, timeout), or null
 */
public record StreamOutcome(int framesSent, LatencyStats replies, double finalLagMs, String error) {}
