package org.elman.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.models.speech.Recognizer;

/**
 * A vosk-server compatible recognition server: WebSocket streaming recognition on any path, plus
 * HTTP ({@code /healthz}, {@code /metrics}, {@code POST /v1/audio/transcriptions}, a browser demo
 * page at {@code /}) on the same port, optionally over TLS and with CORS origins.
 * Vert.x event loops do the I/O only; streaming decoding runs on {@link Builder#optDecodeThreads}
 * decode workers that batch the ready audio of many sessions into one model pass
 * ({@link Builder#optMaxBatch}), one task per session at a time; HTTP transcription runs on a worker
 * pool of the same size. See the module README for the protocol.
 *
 * <pre>{@code
 * RecognitionServer s = RecognitionServer.builder().setRecognizer(recognizer).optPort(2700).build();
 * int port = s.start().await();   // or .onSuccess(...)
 * ...
 * s.close();
 * }</pre>
 */
public final class RecognitionServer {
    private final ServerSettings settings;
    private final DecoderSetup setup;
    private final Vertx vertx;
    private final boolean ownVertx;
    private final Metrics metrics = new Metrics();
    private final CorsPolicy cors;
    private WorkerExecutor worker;
    private DecodeBatcher batcher;
    private HttpServer server;

    private RecognitionServer(Builder b, ServerSettings settings) {
        this.settings = settings;
        this.cors = new CorsPolicy(settings.corsOrigins(), settings.tls() != null);
        this.setup = new DecoderSetup(b.recognizer, b.endpoints, b.hotWordBoost, b.beamSearch);
        this.ownVertx = b.vertx == null;
        this.vertx = ownVertx ? Vertx.vertx() : b.vertx;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; the future gives the bound port (useful with port 0). */
    public synchronized Future<Integer> start() {
        if (server != null) return Future.failedFuture(new IllegalStateException("server already started"));
        worker = vertx.createSharedWorkerExecutor("elman-transcribe-" + System.identityHashCode(this), settings.decodeThreads());
        batcher = new DecodeBatcher(setup.model(), settings.decodeThreads(), settings.maxBatch(), metrics);
        metrics.queueDepth(batcher::queued);
        int wire = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(65536L, 2L * Math.max(settings.maxFrameBytes(), settings.maxTextChars() * 4L)));
        HttpServerOptions o = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                .setMaxWebSocketFrameSize(wire).setMaxWebSocketMessageSize(wire);
        if (settings.tls() != null) o.setSsl(true).setKeyCertOptions(settings.tls().options());
        HttpRoutes routes = new HttpRoutes(setup, worker, metrics, settings, cors);
        server = vertx.createHttpServer(o)
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(this::connected)
                .requestHandler(req -> routes.handle(req, authorized(req.headers(), req.getParam("token"))));
        return server.listen().map(HttpServer::actualPort);
    }

    private void handshake(ServerWebSocketHandshake h) {
        String token = queryParam(h.query(), "token");
        if (!cors.allows(h.headers())) h.reject(403);
        else if (authorized(h.headers(), token)) h.accept();
        else h.reject(401);
    }

    private void connected(ServerWebSocket ws) {
        int now = metrics.activeSessions.incrementAndGet();
        if (now > settings.maxSessions()) {
            metrics.activeSessions.decrementAndGet();
            metrics.refusedSessions.increment();
            ws.writeTextMessage(Replies.error("server busy: " + settings.maxSessions() + " sessions is the limit, try again later"));
            ws.close(Session.CLOSE_BUSY, "server busy");
            return;
        }
        metrics.totalSessions.incrementAndGet();
        new Session(vertx, ws, settings, setup, batcher, metrics).start();
    }

    private boolean authorized(MultiMap headers, String queryToken) {
        if (settings.token() == null) return true;
        String auth = headers.get("Authorization");
        String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : queryToken;
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), settings.token().getBytes(StandardCharsets.UTF_8));
    }

    private static String queryParam(String query, String name) {
        if (query == null) return null;
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) return java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    /** Stops listening and closes the decode pool (and the Vert.x instance when the server made it). */
    public synchronized Future<Void> close() {
        Future<Void> f = server == null ? Future.succeededFuture() : server.close();
        WorkerExecutor w = worker;
        DecodeBatcher b = batcher;
        if (b != null) f = f.eventually(() -> {
            b.close();
            return Future.succeededFuture();
        });
        f = f.eventually(() -> w == null ? Future.succeededFuture() : w.close());
        if (!ownVertx) return f;
        // Vert.x cannot deliver its own close completion on its closed event loops: close it from a
        // plain thread and complete a context-free future there.
        CompletableFuture<Void> done = new CompletableFuture<>();
        f.onComplete(ar -> {
            Thread t = new Thread(() -> {
                try {
                    vertx.close().await(30, TimeUnit.SECONDS);
                    done.complete(null);
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            }, "elman-server-close");
            t.setDaemon(true);
            t.start();
        });
        return Future.fromCompletionStage(done);
    }

    /** WebSocket sessions open now. */
    public int activeSessions() {
        return metrics.activeSessions.get();
    }

    /** The beam width streams without phrase lists or alternatives decode with; 1: greedy decoding. */
    public int beamWidth() {
        return setup.beam() == null ? 1 : setup.beam().config().beamWidth();
    }

    /** Sessions still holding decoder state (0 when none is open: no leak). */
    int openDecoders() {
        return metrics.openDecoders.get();
    }

    /** The Prometheus text of {@code GET /metrics}. */
    public String metricsText() {
        return metrics.prometheus();
    }

    /** Command line entry point ({@link ServerMain}). */
    public static void main(String[] args) {
        System.exit(ServerMain.run(args, System.out, System.err));
    }

    /** Settings; only the recognizer is required. */
    public static final class Builder {
        private Recognizer recognizer;
        private String host = "0.0.0.0";
        private int port = 2700;
        private int maxSessions = 64;
        private int maxFrameBytes = 256 * 1024;
        private int maxTextChars = 64 * 1024;
        private long idleTimeoutMs = 60_000;
        private String token;
        private int defaultSampleRateHz = 8000;
        private int decodeThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int maxBatch = 64;
        private long maxUploadBytes = 64L * 1024 * 1024;
        private EndpointRules endpoints = EndpointRules.defaults();
        private double hotWordBoost = 2.0;
        private Vertx vertx;
        private List<String> corsOrigins = List.of();
        private TlsFiles tls;
        private boolean demoPage = true;
        private BeamSearchDecoder beamSearch;

        /** A streaming recognizer (streaming model, no per-utterance CMVN, CTC decoding). */
        public Builder setRecognizer(Recognizer r) {
            this.recognizer = r;
            return this;
        }

        /**
         * The search every stream and HTTP transcription decodes with, e.g. beam search with a word
         * LM (default: the model's stored settings, usually greedy, without an LM). Its token table
         * must be the model's. Streams with a {@code phrase_list} or {@code max_alternatives} use
         * the same settings with a beam of at least 8 hypotheses and the number of alternatives.
         */
        public Builder optBeamSearch(BeamSearchDecoder search) {
            this.beamSearch = search;
            return this;
        }

        /** Listening address (default 0.0.0.0). */
        public Builder optHost(String host) {
            this.host = host;
            return this;
        }

        /** Port (default 2700; 0 picks a free one, see {@link #start()}). */
        public Builder optPort(int port) {
            this.port = port;
            return this;
        }

        /** Concurrent WebSocket sessions (default 64); more are answered with an error and close code 1013. */
        public Builder optMaxSessions(int n) {
            this.maxSessions = n;
            return this;
        }

        /** Largest audio message in bytes (default 256 KiB); larger ones close the session with 1009. */
        public Builder optMaxFrameBytes(int n) {
            this.maxFrameBytes = n;
            return this;
        }

        /** Largest text message in characters (default 64 Ki). */
        public Builder optMaxTextChars(int n) {
            this.maxTextChars = n;
            return this;
        }

        /** A session without messages for this long is closed with 1008 (default 60 s). */
        public Builder optIdleTimeoutMs(long ms) {
            this.idleTimeoutMs = ms;
            return this;
        }

        /** Bearer token required from clients ({@code Authorization: Bearer ...} or {@code ?token=}); null (default): none. */
        public Builder optToken(String token) {
            this.token = token;
            return this;
        }

        /** Client audio rate before any config message (default 8000 Hz, as vosk-server). */
        public Builder optDefaultSampleRate(int hz) {
            this.defaultSampleRateHz = hz;
            return this;
        }

        /** Decode worker threads (default: available processors). */
        public Builder optDecodeThreads(int n) {
            this.decodeThreads = n;
            return this;
        }

        /**
         * Most streaming decode jobs a worker runs together in one batch (default 64; 1 turns
         * batching off). Batches form from the jobs waiting when a worker becomes free; none waits
         * for a batch to fill.
         */
        public Builder optMaxBatch(int n) {
            this.maxBatch = n;
            return this;
        }

        /** Largest HTTP upload for transcription (default 64 MiB). */
        public Builder optMaxUploadBytes(long n) {
            this.maxUploadBytes = n;
            return this;
        }

        /** Endpointing rules (default {@link EndpointRules#defaults()}). */
        public Builder optEndpoints(EndpointRules rules) {
            this.endpoints = rules;
            return this;
        }

        /** Per-token boost of {@code phrase_list} phrases (default 2.0, natural-log units). */
        public Builder optHotWordBoost(double boost) {
            this.hotWordBoost = boost;
            return this;
        }

        /** Runs on this Vert.x instance (default: the server makes and closes its own). */
        public Builder optVertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        /**
         * Browser origins ({@code scheme://host[:port]} or {@code *}) allowed to call the HTTP endpoints
         * and open WebSockets from their pages (default none: same-origin only, see the module README).
         */
        public Builder optCorsOrigins(List<String> origins) {
            this.corsOrigins = origins;
            return this;
        }

        /** Serves {@code https} and {@code wss} with this certificate and key (default: plain {@code http} and {@code ws}). */
        public Builder optTls(TlsFiles tls) {
            this.tls = tls;
            return this;
        }

        /** Serves the browser demo page at {@code /} (default true). */
        public Builder optDemoPage(boolean on) {
            this.demoPage = on;
            return this;
        }

        public RecognitionServer build() {
            if (recognizer == null) throw new IllegalArgumentException("RecognitionServer needs a recognizer (setRecognizer)");
            if (endpoints == null) throw new IllegalArgumentException("endpoint rules must not be null");
            if (!(hotWordBoost >= 0) || Double.isInfinite(hotWordBoost)) throw new IllegalArgumentException("hot-word boost must be finite and >= 0, got " + hotWordBoost);
            ServerSettings s = new ServerSettings(host, port, maxSessions, maxFrameBytes, maxTextChars, idleTimeoutMs, token,
                    defaultSampleRateHz, decodeThreads, maxUploadBytes, corsOrigins, tls, demoPage, maxBatch);
            return new RecognitionServer(this, s);
        }
    }
}
