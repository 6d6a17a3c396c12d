package org.elman.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Server counters, thread-safe, written out in the Prometheus text format. */
final class Metrics {
    /** Upper bounds (seconds) of the decode latency histogram buckets; +Inf is implied. */
    static final double[] LATENCY_BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    /** Upper bounds of the decode batch size histogram buckets. */
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128};

    final AtomicInteger activeSessions = new AtomicInteger();
    /** Sessions holding decoder state (model stream, features, CTC state); 0 once all sessions are gone. */
    final AtomicInteger openDecoders = new AtomicInteger();
    final AtomicLong totalSessions = new AtomicLong();
    final LongAdder refusedSessions = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    private final DoubleAdder audioSeconds = new DoubleAdder();
    private final DoubleAdder decodeSeconds = new DoubleAdder();
    private final Histogram latency = new Histogram(LATENCY_BUCKETS);
    private final Histogram batchSize = new Histogram(BATCH_BUCKETS);
    private volatile IntSupplier queueDepth = () -> 0;

    /** Where {@code elman_decode_queue_depth} is read from (the decode workers' queue). */
    void queueDepth(IntSupplier jobsWaiting) {
        this.queueDepth = jobsWaiting;
    }

    /** One batch of {@code jobs} decode jobs run together by a worker. */
    void batched(int jobs) {
        batchSize.observe(jobs);
    }

    /** One decode task: audio it covered, time spent computing, and time from arrival to reply. */
    void decoded(double audio, double computeSeconds, double latencySeconds) {
        audioSeconds.add(audio);
        decodeSeconds.add(computeSeconds);
        latency.observe(latencySeconds);
    }

    double audioSeconds() {
        return audioSeconds.sum();
    }

    /** Decode compute time over audio time (0 before any audio). */
    double realTimeFactor() {
        double a = audioSeconds.sum();
        return a == 0 ? 0 : decodeSeconds.sum() / a;
    }

    String prometheus() {
        StringBuilder s = new StringBuilder();
        gauge(s, "elman_active_sessions", "WebSocket sessions open now", activeSessions.get());
        counter(s, "elman_sessions_total", "WebSocket sessions accepted", totalSessions.get());
        counter(s, "elman_sessions_refused_total", "WebSocket sessions refused at the session limit", refusedSessions.sum());
        counter(s, "elman_client_errors_total", "sessions closed for malformed or over-limit input", clientErrors.sum());
        counter(s, "elman_audio_seconds_total", "seconds of audio decoded", audioSeconds.sum());
        counter(s, "elman_decode_seconds_total", "seconds spent decoding", decodeSeconds.sum());
        gauge(s, "elman_real_time_factor", "decode seconds per audio second since start", realTimeFactor());
        gauge(s, "elman_decode_queue_depth", "decode jobs waiting for a worker", queueDepth.getAsInt());
        latency.write(s, "elman_decode_latency_seconds", "time from a message's arrival to its reply");
        batchSize.write(s, "elman_decode_batch_size", "decode jobs run together in one batch");
        return s.toString();
    }

    /** A Prometheus histogram: cumulative buckets by upper bound, sum and count. */
    private static final class Histogram {
        private final double[] bounds;
        private final LongAdder[] buckets;
        private final DoubleAdder sum = new DoubleAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.buckets = new LongAdder[bounds.length + 1];
            for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
        }

        void observe(double v) {
            sum.add(v);
            int b = 0;
            while (b < bounds.length && v > bounds[b]) b++;
            buckets[b].increment();
        }

        void write(StringBuilder s, String name, String help) {
            s.append("# HELP ").append(name).append(' ').append(help).append('\n');
            s.append("# TYPE ").append(name).append(" histogram\n");
            long cumulative = 0;
            for (int i = 0; i < buckets.length; i++) {
                cumulative += buckets[i].sum();
                String le = i < bounds.length ? Double.toString(bounds[i]) : "+Inf";
                s.append(name).append("_bucket{le=\"").append(le).append("\"} ").append(cumulative).append('\n');
            }
            s.append(name).append("_sum ").append(sum.sum()).append('\n');
            s.append(name).append("_count ").append(cumulative).append('\n');
        }
    }

    private static void gauge(StringBuilder s, String name, String help, double v) {
        line(s, name, help, "gauge", v);
    }

    private static void counter(StringBuilder s, String name, String help, double v) {
        line(s, name, help, "counter", v);
    }

    private static void line(StringBuilder s, String name, String help, String type, double v) {
        s.append("# HELP ").append(name).append(' ').append(help).append('\n');
        s.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        s.append(name).append(' ').append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v)).append('\n');
    }
}
