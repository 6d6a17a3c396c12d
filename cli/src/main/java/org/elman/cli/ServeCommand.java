package org.elman.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.elman.models.speech.Recognizer;
import org.elman.server.CorsPolicy;
import org.elman.server.EndpointRules;
import org.elman.server.RecognitionServer;
import org.elman.server.TlsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code elman serve}: the Vosk-compatible WebSocket and HTTP recognition server. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a speech model over WebSocket (vosk-server protocol) and HTTP.",
            "HTTP: /v1/audio/transcriptions, /healthz, /metrics and a browser demo page at /. Runs until",
            "stopped. See streaming-server/README.md."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "Streaming-capable speech model (default: as for transcribe).")
    Path model;

    @Mixin
    SearchOptions search = new SearchOptions();

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "2700", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-sessions", defaultValue = "64", description = "Concurrent streams (default ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--decode-threads", paramLabel = "N", description = "Decode worker threads (default: available processors).")
    Integer decodeThreads;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "64", description = {"Most streams decoded together in one model pass;",
        "1 = no batching (default ${DEFAULT-VALUE})."})
    int maxBatch;

    @Option(names = "--token", description = "Bearer token clients must send (header or ?token=).")
    String token;

    @Option(names = "--sample-rate", defaultValue = "8000", description = "Client audio rate unless configured (default ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--trailing-silence-ms", defaultValue = "500", description = "Endpoint after this much silence following speech; 0 = off.")
    int trailingSilenceMs;

    @Option(names = "--max-utterance-ms", defaultValue = "20000", description = "Endpoint after this much audio; 0 = off.")
    int maxUtteranceMs;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = {"Browser origin (scheme://host[:port], or * for any) whose pages may call this server;",
                "repeatable. Default: none, same-origin only."})
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain) to serve https and wss; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8 or PKCS#1 RSA) of --tls-cert.")
    Path tlsKey;

    @Option(names = "--no-demo-page", description = "Do not serve the browser demo page at /.")
    boolean noDemoPage;

    @Override
    public Integer call() throws Exception {
        Prepared p = prepare();
        RecognitionServer server = p.server();
        int bound = server.start().await();
        String page = noDemoPage ? "" : String.format(" (demo page: %s://%s:%d/)", tlsCert == null ? "http" : "https",
                host.equals("0.0.0.0") ? "localhost" : host, bound);
        spec.commandLine().getOut().println("elman server: model " + p.modelFile() + searchDescription(server) + ", listening on "
                + host + ":" + bound + page);
        spec.commandLine().getOut().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close().await()));
        Thread.currentThread().join();
        return Elman.EXIT_OK;
    }

    /** A built (not yet started) server and the model file it serves. */
    record Prepared(RecognitionServer server, Path modelFile) {}

    /** Checks the options, reads TLS files, the model and the LM, and builds the server without starting it. */
    Prepared prepare() throws java.io.IOException {
        TlsFiles tls = checkNetworkOptions();
        search.validate(spec.commandLine());
        DecodeSettings.Loaded served = DecodeSettings.streamingModel(model, search);
        Path file = served.file();
        Recognizer recognizer = served.recognizer();
        try {
            RecognitionServer.Builder b = RecognitionServer.builder();
            if (decodeThreads != null) b.optDecodeThreads(decodeThreads);
            return new Prepared(b.setRecognizer(recognizer).optBeamSearch(search.serverDecoder(recognizer)).optHost(host).optPort(port)
                    .optMaxSessions(maxSessions).optMaxBatch(maxBatch).optToken(token).optDefaultSampleRate(sampleRate)
                    .optCorsOrigins(corsOrigins).optTls(tls).optDemoPage(!noDemoPage)
                    .optEndpoints(new EndpointRules(trailingSilenceMs, maxUtteranceMs, EndpointRules.defaults().silenceOnlyMs()))
                    .build(), file);
        } catch (IllegalArgumentException | IllegalStateException e) {
            String hint = recognizer.decodingDefaults().getOrDefault(Recognizer.KEY_CMVN, "false").equals("true")
                    ? " (this model normalises whole utterances and cannot stream: train it with 'utterance_cmvn: false')" : "";
            throw new CliException(file + ": cannot serve: " + e.getMessage() + hint, e);
        }
    }

    /** ", LM FILE, beam N" or ", greedy decoding" for the start-up line. */
    String searchDescription(RecognitionServer server) {
        int width = server.beamWidth();
        return (search.hasLm() ? ", LM " + search.lmFile() : "") + (width > 1 ? ", beam " + width : ", greedy decoding");
    }

    /** Port, CORS origins (usage errors) and TLS files (read now, before the model: an error names the file); the TLS files or null. */
    private TlsFiles checkNetworkOptions() {
        if (port < 0 || port > 65535) throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, got " + port);
        if ((tlsCert == null) != (tlsKey == null)) throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        if (maxBatch < 1) throw new ParameterException(spec.commandLine(), "--max-batch must be >= 1, got " + maxBatch);
        if (decodeThreads != null && decodeThreads < 1) throw new ParameterException(spec.commandLine(), "--decode-threads must be >= 1, got " + decodeThreads);
        try {
            CorsPolicy.validated(corsOrigins);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cors-origin: " + e.getMessage());
        }
        try {
            return tlsCert == null ? null : TlsFiles.read(tlsCert, tlsKey);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
