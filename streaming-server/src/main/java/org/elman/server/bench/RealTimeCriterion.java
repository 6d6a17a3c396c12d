package org.elman.server.bench;

/**
 * When a simulated stream "kept real time": it got every reply without an error, each audio
 * message's reply arrived at most {@code maxReplyLagMs} after the message was sent, and the final
 * result at most {@code maxFinalLagMs} after {@code eof}. A server that decodes slower than real
 * time falls further behind with every message, so its reply lag grows past any bound on a long
 * enough stream; a server that keeps up answers each message within about one decode step.
 *
 * @param maxReplyLagMs bound on every audio reply's latency (default 500 ms)
 * @param maxFinalLagMs bound on the final result's latency after {@code eof} (default 1000 ms)
 */
public record RealTimeCriterion(double maxReplyLagMs, double maxFinalLagMs) {
    public RealTimeCriterion {
        if (!(maxReplyLagMs > 0) || Double.isInfinite(maxReplyLagMs)) throw new IllegalArgumentException("reply lag bound must be > 0 ms, got " + maxReplyLagMs);
        if (!(maxFinalLagMs > 0) || Double.isInfinite(maxFinalLagMs)) throw new IllegalArgumentException("final lag bound must be > 0 ms, got " + maxFinalLagMs);
    }

    public static RealTimeCriterion defaults() {
        return new RealTimeCriterion(500, 1000);
    }

    /** Whether this stream kept real time. */
    public boolean heldBy(StreamOutcome s) {
        return s.error() == null && s.replies().count() == s.framesSent()
                && s.replies().count() > 0 && s.replies().max() <= maxReplyLagMs && s.finalLagMs() <= maxFinalLagMs;
    }

    /** One line for reports. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "every audio reply within %.0f ms of sending, the final result within %.0f ms of eof, no error",
                maxReplyLagMs, maxFinalLagMs);
    }
}
