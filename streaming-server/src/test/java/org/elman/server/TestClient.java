package org.elman.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A blocking WebSocket test client on 127.0.0.1: send, then take replies with a time bound. */
final class TestClient implements AutoCloseable {
    final WebSocket ws;
    final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    final CompletableFuture<Short> closed = new CompletableFuture<>();

    private TestClient(WebSocket ws) {
        this.ws = ws;
        ws.textMessageHandler(replies::add);
        ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    }

    static TestClient connect(WebSocketClient client, int port, String uri) throws Exception {
        return connect(client, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri));
    }

    /** Handlers are set before the handshake, so a reply sent at once (busy, idle) is not missed. */
    static TestClient connect(WebSocketClient client, WebSocketConnectOptions o) throws Exception {
        ClientWebSocket ws = client.webSocket();
        TestClient c = new TestClient(ws);
        ws.connect(o).await(5, TimeUnit.SECONDS);
        return c;
    }

    static WebSocketClient client(Vertx vertx) {
        return vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
                .setMaxFrameSize(4 << 20).setMaxMessageSize(4 << 20));
    }

    void text(String s) throws Exception {
        ws.writeTextMessage(s).await(5, TimeUnit.SECONDS);
    }

    void audio(byte[] b) throws Exception {
        ws.writeBinaryMessage(Buffer.buffer(b)).await(5, TimeUnit.SECONDS);
    }

    JsonNode next() throws Exception {
        String s = replies.poll(10, TimeUnit.SECONDS);
        if (s == null) throw new AssertionError("no reply within 10 s");
        return Replies.JSON.readTree(s);
    }

    /** The close code the server sent (waits up to 10 s). */
    short closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!ws.isClosed()) ws.close().await(5, TimeUnit.SECONDS);
        } catch (IllegalStateException e) {
            // the server closed it first: nothing to do
        }
    }
}
