package org.elman.server.bench;

/**
 * When a simulated stream "kept real time": it got every reply without an error, the
 * {@code lagPercentile}-th percentile of its audio replies' latencies (each from sending the
 * message to its reply) is at most {@code maxReplyLagMs}, and the final result came at most
 * {@code maxFinalLagMs} after {@code eof}. A server that decodes slower than real time falls further
 * behind with every message, so on a long enough stream most of its replies, and its final result,
 * come later than any fixed bound; a server that keeps up answers within about one decode step. The
 * percentile (default 95) forgives a stream a few late replies (a GC pause, a busy neighbour
 * process); 100 demands every reply within the bound. The backlog left at {@code eof} shows in the
 * final result's lag.
 *
 * @param maxReplyLagMs bound on the stream's reply latency percentile (default 500 ms)
 * @param maxFinalLagMs bound on the final result's latency after {@code eof} (default 1000 ms)
 * @param lagPercentile which percentile of each stream's reply latencies is bounded, in (0, 100]
 */
public record RealTimeCriterion(double maxReplyLagMs, double maxFinalLagMs, double lagPercentile) {
    /** Bounds on the 95th percentile of each stream's reply latencies and on its final result. */
    public RealTimeCriterion(double maxReplyLagMs, double maxFinalLagMs) {
        this(maxReplyLagMs, maxFinalLagMs, 95);
    }

    public RealTimeCriterion {
        if (!(lagPercentile > 0 && lagPercentile <= 100)) throw new IllegalArgumentException("lag percentile must be in (0, 100], got " + lagPercentile);
        if (!(maxReplyLagMs > 0) || Double.isInfinite(maxReplyLagMs)) throw new IllegalArgumentException("reply lag bound must be > 0 ms, got " + maxReplyLagMs);
        if (!(maxFinalLagMs > 0) || Double.isInfinite(maxFinalLagMs)) throw new IllegalArgumentException("final lag bound must be > 0 ms, got " + maxFinalLagMs);
    }

    public static RealTimeCriterion defaults() {
        return new RealTimeCriterion(500, 1000);
    }

    /** Whether this stream kept real time. */
    public boolean heldBy(StreamOutcome s) {
        return s.error() == null && s.replies().count() == s.framesSent()
                && s.replies().count() > 0 && s.replies().percentile(lagPercentile) <= maxReplyLagMs && s.finalLagMs() <= maxFinalLagMs;
    }

    /** One line for reports. */
    public String describe() {
        String which = lagPercentile == 100 ? "every audio reply" : String.format(java.util.Locale.ROOT, "p%s of each stream's audio replies",
                new java.text.DecimalFormat("0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(lagPercentile));
        return String.format(java.util.Locale.ROOT, "real time = %s within %.0f ms of sending, the final result within %.0f ms of eof, no error",
                which, maxReplyLagMs, maxFinalLagMs);
    }
}
