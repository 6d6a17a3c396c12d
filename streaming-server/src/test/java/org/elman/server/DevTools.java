package org.elman.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal Chrome DevTools Protocol client for one page target, over the JDK's WebSocket client. */
final class DevTools implements AutoCloseable {
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private DevTools(URI page) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new Listener()).get(10, TimeUnit.SECONDS);
    }

    static DevTools connect(URI pageDebuggerUrl) throws Exception {
        return new DevTools(pageDebuggerUrl);
    }

    /** Sends a command and waits (10 s at most) for its result; a protocol error throws. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode msg = Replies.JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params == null ? Replies.JSON.createObjectNode() : params);
        ws.sendText(Replies.JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(10, TimeUnit.SECONDS);
        if (r.has("error")) throw new IllegalStateException(method + " failed: " + r.get("error"));
        return r.get("result");
    }

    /** Evaluates a JavaScript expression in the page as if from a user gesture, awaiting a promise; returns its value as text. */
    String evaluate(String expression) throws Exception {
        ObjectNode p = Replies.JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true).put("userGesture", true);
        JsonNode r = call("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) throw new AssertionError("page script failed: " + r.get("exceptionDetails"));
        JsonNode v = r.get("result").get("value");
        return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
    }

    @Override
    public void close() {
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode msg = Replies.JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> f = msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
                    if (f != null) f.complete(msg);
                } catch (Exception e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
