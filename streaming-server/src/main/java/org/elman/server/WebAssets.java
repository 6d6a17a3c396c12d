package org.elman.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The browser demo page, shipped in the jar under {@code org/elman/server/web/}: {@code GET /} is
 * {@code index.html}, {@code GET /demo/NAME} one of its scripts or style sheet. Only the files listed
 * here are served; they are read once, when the server is made.
 */
final class WebAssets {
    private static final String BASE = "/org/elman/server/web/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/demo/demo.js", "demo.js",
            "/demo/pcm-worklet.js", "pcm-worklet.js",
            "/demo/demo.css", "demo.css");
    private final Map<String, Buffer> bodies = new HashMap<>();

    WebAssets() {
        for (Map.Entry<String, String> e : FILES.entrySet()) bodies.put(e.getKey(), load(e.getValue()));
    }

    private static Buffer load(String name) {
        try (InputStream in = WebAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) throw new IllegalStateException("demo page resource " + BASE + name + " is missing from the jar");
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo page resource " + BASE + name, e);
        }
    }

    /** Whether {@code path} is one of the demo files. */
    boolean serves(String path) {
        return bodies.containsKey(path);
    }

    /** Sends the demo file at {@code path} (one for which {@link #serves} holds). */
    void send(String path, HttpServerResponse resp) {
        String name = FILES.get(path);
        resp.putHeader("Content-Type", contentType(name))
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:")
                .end(bodies.get(path));
    }

    static String contentType(String name) {
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        throw new IllegalArgumentException("no content type for " + name);
    }
}
