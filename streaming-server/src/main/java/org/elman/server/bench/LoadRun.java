package org.elman.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs simulated clients ({@link LoadClient}) against a recognition server: {@link #run} one level
 * of N concurrent streams, {@link #ramp} stepping N up to find the most streams that all keep real
 * time. The clients share one Vert.x event loop of their own (light work: timers, writes, pairing
 * replies), so they disturb the server as little as possible when both run in one process.
 *
 * <pre>{@code
 * LoadSettings s = LoadSettings.builder().setTarget(URI.create("ws://127.0.0.1:2700/"))
 *         .setAudio(LoadAudio.pcm16(Path.of("speech.wav"), 8000, 10), 8000).build();
 * System.out.print(LoadRun.run(s, 100).text());
 * }</pre>
 */
public final class LoadRun {
    private static final int MAX_STREAMS = 100_000;

    private LoadRun() {
    }

    /** Starts {@code streams} clients, staggered by {@link LoadSettings#staggerMs}, and waits for all to end. */
    public static BenchServerReport run(LoadSettings s, int streams) {
        if (streams < 1 || streams > MAX_STREAMS) throw new IllegalArgumentException("streams must be in 1.." + MAX_STREAMS + ", got " + streams);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(streams + 1)
                    .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
            List<Future<StreamOutcome>> outcomes = new ArrayList<>();
            double stagger = s.staggerMs(streams);
            long t0 = System.nanoTime();
            for (int i = 0; i < streams; i++) outcomes.add(new LoadClient(vertx, client, s).start(Math.round(i * stagger)));
            long limitMs = Math.round(streams * stagger + s.audioSeconds() * 1000) + LoadClient.TIMEOUT_SLACK_MS + 10_000;
            Future.join(outcomes).await(limitMs, TimeUnit.MILLISECONDS);
            return report(s, streams, outcomes, (System.nanoTime() - t0) * 1e-9);
        } catch (Exception e) {
            throw new IllegalStateException("load run did not finish: " + e, e);
        } finally {
            close(vertx);
        }
    }

    private static BenchServerReport report(LoadSettings s, int streams, List<Future<StreamOutcome>> outcomes, double wall) {
        LatencyStats replies = new LatencyStats();
        LatencyStats finals = new LatencyStats();
        List<String> errors = new ArrayList<>();
        int realTime = 0;
        int failed = 0;
        for (Future<StreamOutcome> f : outcomes) {
            StreamOutcome o = f.result();
            replies.merge(o.replies());
            if (!Double.isNaN(o.finalLagMs())) finals.add(o.finalLagMs());
            if (s.criterion().heldBy(o)) realTime++;
            if (o.error() != null) {
                failed++;
                if (errors.size() < 5) errors.add(o.error());
            }
        }
        return new BenchServerReport(streams, realTime, failed, replies, finals, List.copyOf(errors), s, wall);
    }

    /**
     * Runs {@code start}, {@code start + step}, ... streams (at most {@code max}) until a level has a
     * stream that does not keep real time, then bisects between the last good and the first bad
     * level down to {@code max(1, step / 4)} streams. Each finished level goes to {@code progress}.
     */
    public static BenchServerReport.Ramp ramp(LoadSettings s, int start, int step, int max, Consumer<BenchServerReport> progress) {
        return ramp(n -> {
            BenchServerReport r = run(s, n);
            if (progress != null) progress.accept(r);
            pause();
            return r;
        }, start, step, max);
    }

    /** The ramp search over any way of running a level (the load test above, or a stand-in in tests). */
    static BenchServerReport.Ramp ramp(IntFunction<BenchServerReport> level, int start, int step, int max) {
        if (start < 1 || step < 1 || max < start) throw new IllegalArgumentException("ramp needs 1 <= start <= max and step >= 1, got start "
                + start + ", step " + step + ", max " + max);
        List<BenchServerReport> levels = new ArrayList<>();
        int good = 0;
        int bad = -1;
        for (int n = start; n <= max && bad < 0; n += step) {
            BenchServerReport r = level.apply(n);
            levels.add(r);
            if (r.allRealTime()) good = n; else bad = n;
        }
        int resolution = Math.max(1, step / 4);
        while (bad > 0 && good > 0 && bad - good > resolution) {
            int mid = (good + bad) / 2;
            BenchServerReport r = level.apply(mid);
            levels.add(r);
            if (r.allRealTime()) good = mid; else bad = mid;
        }
        return new BenchServerReport.Ramp(List.copyOf(levels), good);
    }

    private static void close(Vertx vertx) {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the clients are done; a slow shutdown of their event loop changes no result
        }
    }

    /** Lets the server close the last level's sessions before the next level starts. */
    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
