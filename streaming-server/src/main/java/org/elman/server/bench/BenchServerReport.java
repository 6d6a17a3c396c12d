package org.elman.server.bench;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of one load level: how many streams ran, how many kept real time
 * ({@link RealTimeCriterion}), and the latency of the audio replies (partials, or results at
 * endpoints) and of the final results, over all streams.
 *
 * @param streams       concurrent streams started
 * @param realTime      streams that kept real time
 * @param failed        streams that ended with an error (connect, error reply, early close, timeout)
 * @param replies       latency of every audio reply of every stream (ms)
 * @param finals        latency of each final result after {@code eof} (ms)
 * @param firstErrors   up to 5 error messages, for the report
 * @param settings      the load settings used
 * @param wallSeconds   time from the first stream's start to the last stream's end
 */
public record BenchServerReport(int streams, int realTime, int failed, LatencyStats replies, LatencyStats finals,
                                List<String> firstErrors, LoadSettings settings, double wallSeconds) {
    /** Whether every stream kept real time. */
    public boolean allRealTime() {
        return realTime == streams;
    }

    /** A short human-readable report. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "streams: %d, kept real time: %d, failed: %d (%.1f s of %d Hz audio each, %d ms frames, %.1f s wall)%n",
                streams, realTime, failed, settings.audioSeconds(), settings.sampleRateHz(), settings.frameMs(), wallSeconds));
        s.append(line("reply latency", replies)).append(line("final latency", finals));
        for (String e : firstErrors) s.append("  error: ").append(e).append('\n');
        return s.toString();
    }

    /** One summary line, for ramp steps. */
    public String summary() {
        return String.format(Locale.ROOT, "%4d streams: %4d real time, %3d failed, reply p50 %s p95 %s p99 %s max %s ms, final p95 %s ms",
                streams, realTime, failed, ms(replies.percentile(50)), ms(replies.percentile(95)), ms(replies.percentile(99)),
                ms(replies.max()), ms(finals.percentile(95)));
    }

    private static String line(String what, LatencyStats l) {
        return String.format(Locale.ROOT, "%s (ms, %d samples): p50 %s  p95 %s  p99 %s  max %s  mean %s%n", what, l.count(),
                ms(l.percentile(50)), ms(l.percentile(95)), ms(l.percentile(99)), ms(l.max()), ms(l.mean()));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * A ramp: the levels tried, in order, and the largest stream count at which every stream kept
     * real time (0 when even the first level failed).
     */
    public record Ramp(List<BenchServerReport> levels, int maxRealTimeStreams) {
        public String text() {
            StringBuilder s = new StringBuilder();
            for (BenchServerReport r : levels) s.append(r.summary()).append(r.allRealTime() ? "  ok" : "  FAILS").append('\n');
            s.append("maximum concurrent real-time streams: ").append(maxRealTimeStreams).append('\n');
            return s.toString();
        }
    }
}
