package org.elman.server;

import java.util.List;

/**
 * Validated limits and defaults of a {@link RecognitionServer} (see its builder for meanings).
 * {@code corsOrigins} are validated by {@link CorsPolicy}; {@code tls} is null for plain ws/http.
 */
record ServerSettings(String host, int port, int maxSessions, int maxFrameBytes, int maxTextChars, long idleTimeoutMs,
                      String token, int defaultSampleRateHz, int decodeThreads, long maxUploadBytes,
                      List<String> corsOrigins, TlsFiles tls, boolean demoPage, int maxBatch) {
    ServerSettings {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host must not be empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535 (0: any free port), got " + port);
        if (maxSessions < 1) throw new IllegalArgumentException("max sessions must be >= 1, got " + maxSessions);
        if (maxFrameBytes < 2) throw new IllegalArgumentException("max frame size must be >= 2 bytes, got " + maxFrameBytes);
        if (maxTextChars < 16) throw new IllegalArgumentException("max text message size must be >= 16 characters, got " + maxTextChars);
        if (idleTimeoutMs < 1) throw new IllegalArgumentException("idle timeout must be >= 1 ms, got " + idleTimeoutMs);
        if (token != null && token.isBlank()) throw new IllegalArgumentException("the bearer token must not be blank (null: no token)");
        if (defaultSampleRateHz < ClientConfig.MIN_RATE_HZ || defaultSampleRateHz > ClientConfig.MAX_RATE_HZ) {
            throw new IllegalArgumentException("default sample rate must be in " + ClientConfig.MIN_RATE_HZ + ".." + ClientConfig.MAX_RATE_HZ + " Hz, got " + defaultSampleRateHz);
        }
        if (decodeThreads < 1) throw new IllegalArgumentException("decode threads must be >= 1, got " + decodeThreads);
        if (maxUploadBytes < 1) throw new IllegalArgumentException("max upload size must be >= 1 byte, got " + maxUploadBytes);
        if (maxBatch < 1) throw new IllegalArgumentException("max decode batch must be >= 1, got " + maxBatch);
        corsOrigins = CorsPolicy.validated(corsOrigins);
    }

    /** Settings without CORS origins or TLS, with the demo page and batches of up to 64 jobs. */
    ServerSettings(String host, int port, int maxSessions, int maxFrameBytes, int maxTextChars, long idleTimeoutMs,
                   String token, int defaultSampleRateHz, int decodeThreads, long maxUploadBytes) {
        this(host, port, maxSessions, maxFrameBytes, maxTextChars, idleTimeoutMs, token, defaultSampleRateHz, decodeThreads,
                maxUploadBytes, List.of(), null, true, 64);
    }
}
