package org.elman.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elman.models.speech.Recognizer;
import org.elman.server.RecognitionServer;
import org.elman.server.bench.BenchServerReport;
import org.elman.server.bench.LoadAudio;
import org.elman.server.bench.LoadRun;
import org.elman.server.bench.LoadSettings;
import org.elman.server.bench.RealTimeCriterion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code elman bench-server}: simulated vosk-protocol clients streaming a real audio file at
 * real-time pace against a recognition server (started here on loopback with a model, or a running
 * one at {@code --url}); reports how many streams kept real time and the reply latency percentiles.
 */
@Command(name = "bench-server", mixinStandardHelpOptions = true,
        description = {"Load-tests the streaming server with N clients streaming an audio file.",
            "The clients stream at real-time pace and measure reply latency; --ramp finds the most",
            "concurrent real-time streams. See streaming-server/README.md."})
final class BenchServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "Serve this model in-process on 127.0.0.1 (default: as for transcribe).")
    Path model;

    @Mixin
    SearchOptions search = new SearchOptions();

    @Option(names = "--url", paramLabel = "URL", description = "Test a running server instead, e.g. ws://127.0.0.1:2700/.")
    URI url;

    @Option(names = "--token", paramLabel = "T", description = "Bearer token for --url.")
    String token;

    @Option(names = {"--audio", "--wav"}, paramLabel = "FILE", required = true, description = "Speech file each client sends (WAV or FLAC).")
    Path audio;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "10", description = "Concurrent streams; with --ramp the first level (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "8000", description = "Client sample rate; the audio is resampled to it (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Audio per stream, the file repeated or cut; 0 = the file as is (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--frame-ms", paramLabel = "MS", defaultValue = "200", description = "Audio per message (default ${DEFAULT-VALUE}).")
    int frameMs;

    @Option(names = "--stagger-ms", paramLabel = "MS", description = "Delay between stream starts (default: one frame spread over the streams).")
    Double staggerMs;

    @Option(names = "--max-lag-ms", paramLabel = "MS", defaultValue = "500", description = "Real time: a stream's reply latency percentile (--lag-percentile) "
            + "at most this many ms (default ${DEFAULT-VALUE}).")
    double maxLagMs;

    @Option(names = "--lag-percentile", paramLabel = "P", defaultValue = "95", description = "Which percentile of each stream's reply latencies --max-lag-ms "
            + "bounds; 100 = every reply (default ${DEFAULT-VALUE}).")
    double lagPercentile;

    @Option(names = "--max-final-ms", paramLabel = "MS", defaultValue = "1000", description = "Real time: the final result within this many ms of eof (default ${DEFAULT-VALUE}).")
    double maxFinalMs;

    @Option(names = "--ramp", description = "Step the stream count up until a stream misses real time, then bisect.")
    boolean ramp;

    @Option(names = "--ramp-step", paramLabel = "N", description = "Streams added per ramp level (default: --streams).")
    Integer rampStep;

    @Option(names = "--ramp-max", paramLabel = "N", defaultValue = "2000", description = "Most streams a ramp tries (default ${DEFAULT-VALUE}).")
    int rampMax;

    @Option(names = "--threads", paramLabel = "N", description = "Decode threads of the in-process server (default: available processors).")
    Integer threads;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "64", description = "Most streams the in-process server decodes in one batch; 1 = no batching (default ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--warmup", paramLabel = "N", description = "Streams of an unreported warm-up run first, so the JIT has compiled the batched "
            + "paths before the measurement; 0 = none (default: --streams).")
    Integer warmup;

    private int warmupStreams() {
        return warmup == null ? streams : warmup;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        search.validate(spec.commandLine());
        byte[] pcm = readAudio();
        RecognitionServer server = url == null ? startServer() : null;
        PrintWriter out = spec.commandLine().getOut();
        try {
            URI target = server == null ? url : URI.create("ws://127.0.0.1:" + server.start().await() + "/");
            LoadSettings.Builder b = LoadSettings.builder().setTarget(target).setAudio(pcm, rate).optFrameMs(frameMs)
                    .optToken(server == null ? token : null).optCriterion(new RealTimeCriterion(maxLagMs, maxFinalMs, lagPercentile));
            if (staggerMs != null) b.optStaggerMs(staggerMs);
            LoadSettings s = build(b);
            out.printf("bench-server: %s, %s%n", server == null ? target : "in-process server on " + target, s.criterion().describe());
            out.flush();
            if (warmupStreams() > 0) LoadRun.run(s, warmupStreams());
            if (ramp) {
                BenchServerReport.Ramp r = LoadRun.ramp(s, streams, rampStep == null ? streams : rampStep, rampMax, l -> {
                    out.println(l.summary());
                    out.flush();
                });
                out.println("maximum concurrent real-time streams: " + r.maxRealTimeStreams());
            } else {
                out.print(LoadRun.run(s, streams).text());
            }
            if (server != null) out.println("server " + rtf(server.metricsText()));
            out.flush();
            return Elman.EXIT_OK;
        } finally {
            if (server != null) server.close().await();
        }
    }

    private void validate() {
        if (model != null && url != null) throw usage("give --model (in-process server) or --url (running server), not both");
        if (token != null && url == null) throw usage("--token applies to --url only");
        if (url != null && (search.lm != null || search.noLm || search.beam != null)) {
            throw usage("--lm, --no-lm and --beam apply to the in-process server only, not to --url");
        }
        if (streams < 1) throw usage("--streams must be >= 1, got " + streams);
        if (warmup != null && warmup < 0) throw usage("--warmup must be >= 0, got " + warmup);
        if (threads != null && threads < 1) throw usage("--threads must be >= 1, got " + threads);
        if (maxBatch < 1) throw usage("--max-batch must be >= 1, got " + maxBatch);
        if (rampStep != null && rampStep < 1) throw usage("--ramp-step must be >= 1, got " + rampStep);
        if (ramp && rampMax < streams) throw usage("--ramp-max " + rampMax + " is below --streams " + streams);
        if (!(seconds >= 0) || seconds > 3600) throw usage("--seconds must be in 0..3600, got " + seconds);
        if (!(maxLagMs > 0) || !(maxFinalMs > 0)) throw usage("--max-lag-ms and --max-final-ms must be > 0");
        if (!(lagPercentile > 0 && lagPercentile <= 100)) throw usage("--lag-percentile must be in (0, 100], got " + lagPercentile);
    }

    private LoadSettings build(LoadSettings.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private byte[] readAudio() {
        Path f = Inputs.file(audio, "audio file");
        try {
            return LoadAudio.pcm16(f, rate, seconds);
        } catch (IOException | RuntimeException e) {
            String m = ErrorReporter.describe(e);
            throw new CliException(m.startsWith(f.toString()) ? m : f + ": " + m, e);
        }
    }

    private RecognitionServer startServer() {
        DecodeSettings.Loaded served = DecodeSettings.streamingModel(model, search);
        Path file = served.file();
        Recognizer recognizer = served.recognizer();
        int sessions = Math.max(streams, ramp ? rampMax : streams) + warmupStreams() + 8;
        RecognitionServer.Builder b = RecognitionServer.builder().setRecognizer(recognizer)
                .optBeamSearch(search.serverDecoder(recognizer))
                .optHost("127.0.0.1").optPort(0)
                .optMaxSessions(sessions).optMaxBatch(maxBatch);
        if (threads != null) b.optDecodeThreads(threads);
        try {
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(file + ": cannot serve: " + e.getMessage(), e);
        }
    }

    /** The server's own real-time factor line from its metrics. */
    private static String rtf(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("elman_real_time_factor ")).findFirst()
                .map(l -> "real-time factor (decode seconds per audio second, warm-up included): " + l.substring(l.indexOf(' ') + 1))
                .orElse("real-time factor unknown");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
