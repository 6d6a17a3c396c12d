package org.elman.server;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may use the server. With no origins configured (the default) nothing is
 * checked and no CORS headers are sent, so browsers keep pages of other origins from reading HTTP
 * replies (same-origin only). With origins configured, a request or WebSocket upgrade whose
 * {@code Origin} header is neither listed nor the server's own origin is refused with 403; listed
 * origins get {@code Access-Control-Allow-Origin} and preflight answers. {@code *} allows any
 * origin. Clients that send no {@code Origin} (non-browser clients) are never refused.
 */
public final class CorsPolicy {
    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    private final List<String> origins;
    private final boolean tls;

    CorsPolicy(List<String> origins, boolean tls) {
        this.origins = validated(origins);
        this.tls = tls;
    }

    /** Lower-cased copies of {@code scheme://host[:port]} origins or {@code *} (null: none); anything else throws naming it. */
    public static List<String> validated(List<String> origins) {
        if (origins == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String o : origins) {
            if (o == null || !(o.equals("*") || o.matches("(?i)https?://([a-z0-9.\\-]+|\\[[0-9a-f:.]+\\])(:\\d{1,5})?"))) {
                throw new IllegalArgumentException("CORS origin must be '*' or scheme://host[:port] (http or https, no path), got '" + o + "'");
            }
            out.add(o.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** Whether a request or upgrade carrying these headers may go on. */
    boolean allows(MultiMap headers) {
        String origin = headers.get("Origin");
        if (origin == null || origins.isEmpty() || origins.contains("*")) return true;
        return origins.contains(origin.toLowerCase(Locale.ROOT)) || sameOrigin(origin, headers.get("Host"));
    }

    private boolean sameOrigin(String origin, String host) {
        String scheme = tls ? "https://" : "http://";
        return host != null && origin.equalsIgnoreCase(scheme + host);
    }

    /** Adds {@code Access-Control-Allow-Origin} for a configured, allowed origin (echoing it) and {@code Vary: Origin}. */
    void addHeaders(MultiMap requestHeaders, HttpServerResponse resp) {
        if (origins.isEmpty()) return;
        resp.putHeader("Vary", "Origin");
        String origin = requestHeaders.get("Origin");
        if (origin != null && allows(requestHeaders)) resp.putHeader("Access-Control-Allow-Origin", origin);
    }

    /** Answers a preflight {@code OPTIONS} request (CORS headers already added by {@link #addHeaders}). */
    void preflight(HttpServerResponse resp) {
        resp.putHeader("Allow", ALLOWED_METHODS);
        if (!origins.isEmpty()) {
            resp.putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .putHeader("Access-Control-Max-Age", "600");
        }
        resp.setStatusCode(204).end();
    }
}
