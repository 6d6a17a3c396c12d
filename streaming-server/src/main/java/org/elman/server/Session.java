package org.elman.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * One WebSocket client. Runs on the connection's event loop, which only parses messages, queues
 * decode tasks and writes replies; each task runs on the decode workers ({@link DecodeBatcher},
 * batched with other sessions' tasks), one at a time per session (the next is submitted when the
 * previous reply is written), so a session's
 * {@link StreamDecoder} is never used by two threads at once. Every audio, {@code eof} and
 * {@code reset} message gets exactly one reply; {@code config} gets none (as vosk-server).
 * Malformed input gets an {@code {"error" : ...}} reply and a close code, and frees the session.
 */
final class Session {
    static final short CLOSE_NORMAL = 1000;
    static final short CLOSE_POLICY = 1008;
    static final short CLOSE_BAD_DATA = 1007;
    static final short CLOSE_TOO_BIG = 1009;
    static final short CLOSE_INTERNAL = 1011;
    static final short CLOSE_BUSY = 1013;
    static final short CLOSE_GOING_AWAY = 1001;
    /** Queued messages beyond which the socket stops reading until the decoder catches up. */
    private static final int MAX_QUEUED = 8;

    /** Audio (PCM16 bytes), or with {@code pcm} null the end of the utterance ({@code eof}, {@code reset}). */
    private record Task(byte[] pcm, double audioSeconds, boolean closeAfter, long arrivedNanos) {}

    private final ServerWebSocket ws;
    private final ServerSettings settings;
    private final DecoderSetup setup;
    private final DecodeBatcher batcher;
    private final Metrics metrics;
    private final Vertx vertx;
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private ClientConfig client;
    private StreamDecoder decoder;
    private boolean running;
    private boolean closing;
    private boolean released;
    private boolean audioStarted;
    private long idleTimer = -1;
    private Context context;

    Session(Vertx vertx, ServerWebSocket ws, ServerSettings settings, DecoderSetup setup, DecodeBatcher batcher, Metrics metrics) {
        this.vertx = vertx;
        this.ws = ws;
        this.settings = settings;
        this.setup = setup;
        this.batcher = batcher;
        this.metrics = metrics;
        this.client = ClientConfig.defaults(settings.defaultSampleRateHz());
    }

    /** Installs the handlers; call on the connection's event loop. */
    void start() {
        context = vertx.getOrCreateContext();
        ws.binaryMessageHandler(this::onAudio);
        ws.textMessageHandler(this::onText);
        ws.exceptionHandler(e -> { });
        ws.closeHandler(v -> release());
        touch();
    }

    private void touch() {
        if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
        idleTimer = vertx.setTimer(settings.idleTimeoutMs(), id -> fail(CLOSE_POLICY, "idle for " + settings.idleTimeoutMs() + " ms, closing"));
    }

    private void onAudio(Buffer b) {
        if (closing) return;
        touch();
        if (b.length() > settings.maxFrameBytes()) {
            fail(CLOSE_TOO_BIG, "audio message of " + b.length() + " bytes exceeds the limit of " + settings.maxFrameBytes());
            return;
        }
        if (b.length() % 2 != 0) {
            fail(CLOSE_BAD_DATA, "audio message has " + b.length() + " bytes: PCM16 needs an even count");
            return;
        }
        audioStarted = true;
        byte[] bytes = b.getBytes();
        double seconds = bytes.length / 2.0 / client.sampleRateHz();
        enqueue(new Task(bytes, seconds, false, System.nanoTime()));
    }

    private void onText(String text) {
        if (closing) return;
        touch();
        if (text.length() > settings.maxTextChars()) {
            fail(CLOSE_TOO_BIG, "text message of " + text.length() + " characters exceeds the limit of " + settings.maxTextChars());
            return;
        }
        try {
            JsonNode n = Replies.parseObject(text);
            if (n.has("config")) {
                if (audioStarted) throw new IllegalArgumentException("config must come before the audio");
                client = client.with(n.get("config"));
                if (!client.phraseList().isEmpty()) StreamDecoder.hotWords(setup, client.phraseList());   // reject unspellable phrases now
            } else if (n.has("eof")) {
                enqueue(new Task(null, 0, true, System.nanoTime()));
            } else if (n.has("reset")) {
                enqueue(new Task(null, 0, false, System.nanoTime()));
            } else {
                throw new IllegalArgumentException("unknown message: expected config, eof or reset");
            }
        } catch (IllegalArgumentException e) {
            fail(CLOSE_BAD_DATA, e.getMessage());
        }
    }

    private void enqueue(Task t) {
        queue.add(t);
        if (queue.size() >= MAX_QUEUED) ws.pause();
        drain();
    }

    private void drain() {
        if (running || closing || queue.isEmpty()) return;
        Task t = queue.poll();
        running = true;
        Future<DecodeBatcher.Done> done;
        try {
            done = batcher.submit(new DecodeBatcher.Job(context, this::decoder, t.pcm(), this::reply));
        } catch (RejectedExecutionException e) {   // the server is closing its decode workers
            running = false;
            closeWith(CLOSE_GOING_AWAY, "server shutting down");
            return;
        }
        done.onComplete(ar -> {
            running = false;
            if (released) {
                dropDecoder();
                return;
            }
            if (ar.failed()) {
                Throwable e = ar.cause();
                if (e instanceof RejectedExecutionException) closeWith(CLOSE_GOING_AWAY, "server shutting down");
                else if (e instanceof IllegalArgumentException) fail(CLOSE_BAD_DATA, e.getMessage());
                else fail(CLOSE_INTERNAL, "internal error: " + e);
                return;
            }
            metrics.decoded(t.audioSeconds(), ar.result().computeSeconds(), (System.nanoTime() - t.arrivedNanos()) * 1e-9);
            if (closing) return;
            touch();   // a client waiting on a slow decode is not idle
            ws.writeTextMessage(ar.result().reply());
            if (t.closeAfter()) {
                closeWith(CLOSE_NORMAL, "eof");
                return;
            }
            if (queue.size() < MAX_QUEUED / 2) ws.resume();
            drain();
        });
    }

    /** This session's decoder, made on first use (on a decode worker, one job at a time). */
    private StreamDecoder decoder() {
        if (decoder == null) {
            decoder = new StreamDecoder(setup, client);
            metrics.openDecoders.incrementAndGet();
        }
        return decoder;
    }

    /** The reply to a task: the utterance that ended (endpoint, eof, reset), else the partial text. */
    private String reply(StreamDecoder d, StreamDecoder.Utterance u) {
        return u == null ? Replies.partial(d.partialText()) : Replies.result(u, client);
    }

    /** Sends an error reply and closes this client only. */
    void fail(short code, String message) {
        if (closing) return;
        if (message == null || message.isBlank()) message = "invalid input";
        metrics.clientErrors.increment();
        ws.writeTextMessage(Replies.error(message));
        closeWith(code, message);
    }

    private void closeWith(short code, String reason) {
        closing = true;
        queue.clear();
        if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
        String ascii = reason.replaceAll("[^\\x20-\\x7e]", "?");   // a close reason fits in 123 bytes of UTF-8
        String r = ascii.length() > 120 ? ascii.substring(0, 120) : ascii;
        ws.close(code, r).onComplete(ar -> release());
    }

    /** Frees the session once (close handler or close completion, whichever comes first). */
    private void release() {
        if (released) return;
        released = true;
        closing = true;
        queue.clear();
        if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
        if (!running) dropDecoder();
        metrics.activeSessions.decrementAndGet();
    }

    /** Frees the stream state (on the event loop, once no task runs). */
    private void dropDecoder() {
        if (decoder == null) return;
        decoder = null;
        metrics.openDecoders.decrementAndGet();
    }
}
