package org.elman.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayDeque;

/**
 * One simulated vosk-protocol client: connects, sends its {@code config}, then the audio in
 * frames at real-time pace (frame {@code k} is due {@code k * frameMs} after the first, whatever
 * the replies do), then {@code eof}. The server answers each audio message with exactly one
 * reply, in order, so the k-th reply belongs to the k-th frame: its latency is its arrival time
 * minus that frame's send time. Runs on one Vert.x event loop (all callbacks on its context).
 */
final class LoadClient {
    /** Extra time beyond the audio's length before a stream is given up. */
    static final long TIMEOUT_SLACK_MS = 30_000;

    private final Vertx vertx;
    private final WebSocketClient client;
    private final LoadSettings s;
    private final Promise<StreamOutcome> outcome = Promise.promise();
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    private final LatencyStats replies = new LatencyStats();
    private ClientWebSocket ws;
    private boolean connected;
    private long startNanos;
    private int sent;
    private long eofNanos = -1;
    private long timeoutTimer = -1;

    LoadClient(Vertx vertx, WebSocketClient client, LoadSettings settings) {
        this.vertx = vertx;
        this.client = client;
        this.s = settings;
    }

    /** Starts after {@code delayMs}; the future completes (never fails) when the stream ends. */
    Future<StreamOutcome> start(long delayMs) {
        vertx.runOnContext(v -> vertx.setTimer(Math.max(1, delayMs), id -> connect()));
        return outcome.future();
    }

    private void connect() {
        timeoutTimer = vertx.setTimer((long) (s.audioSeconds() * 1000) + TIMEOUT_SLACK_MS, id -> end("timed out"));
        ws = client.webSocket();
        ws.textMessageHandler(this::onReply);
        ws.exceptionHandler(e -> end("connection error: " + e));
        ws.closeHandler(v -> end("closed by the server before the final result (code " + ws.closeStatusCode() + ")"));
        ws.connect(options(s.target(), s.token())).onSuccess(w -> {
            connected = true;
            if (outcome.future().isComplete()) {   // timed out while connecting
                ws.close();
                return;
            }
            ws.writeTextMessage(s.configMessage());
            startNanos = System.nanoTime();
            sendNext();
        }).onFailure(e -> end("connect failed: " + e.getMessage()));
    }

    static WebSocketConnectOptions options(URI u, String token) {
        boolean tls = "wss".equals(u.getScheme());
        int port = u.getPort() >= 0 ? u.getPort() : tls ? 443 : 80;
        String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(u.getHost()).setPort(port).setURI(path).setSsl(tls);
        if (token != null) o.addHeader("Authorization", "Bearer " + token);
        return o;
    }

    private void sendNext() {
        if (outcome.future().isComplete()) return;
        byte[] pcm = s.pcm();
        int from = sent * s.frameBytes();
        if (from >= pcm.length) {
            eofNanos = System.nanoTime();
            ws.writeTextMessage("{\"eof\" : 1}");
            return;
        }
        int to = Math.min(pcm.length, from + s.frameBytes());
        pending.add(System.nanoTime());
        ws.writeBinaryMessage(Buffer.buffer(java.util.Arrays.copyOfRange(pcm, from, to)));
        sent++;
        if (to == pcm.length) {
            sendNext();   // eof right after the last frame, as vosk's example clients do
            return;
        }
        long due = startNanos + sent * s.frameMs() * 1_000_000L;
        long delayMs = (due - System.nanoTime()) / 1_000_000L;
        if (delayMs < 1) vertx.runOnContext(v -> sendNext()); else vertx.setTimer(delayMs, id -> sendNext());
    }

    private void onReply(String text) {
        long now = System.nanoTime();
        if (isError(text)) {
            end("error reply: " + text);
            return;
        }
        Long sentAt = pending.poll();
        if (sentAt != null) {
            replies.add((now - sentAt) / 1e6);
        } else if (eofNanos >= 0) {
            finish((now - eofNanos) / 1e6, null);
        } else {
            end("reply without a request: " + text);
        }
    }

    /** Whether a reply is {@code {"error" : ...}} (any JSON spacing). */
    static boolean isError(String reply) {
        int i = reply.indexOf('{') + 1;
        while (i < reply.length() && Character.isWhitespace(reply.charAt(i))) i++;
        return reply.startsWith("\"error\"", i);
    }

    private void end(String error) {
        finish(Double.NaN, error);
    }

    private void finish(double finalLagMs, String error) {
        if (outcome.future().isComplete()) return;
        if (timeoutTimer >= 0) vertx.cancelTimer(timeoutTimer);
        outcome.complete(new StreamOutcome(sent, replies, finalLagMs, error));
        if (connected && !ws.isClosed()) ws.close();
    }
}
