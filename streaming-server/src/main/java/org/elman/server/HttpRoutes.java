package org.elman.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.elman.audio.AudioFormatException;

/**
 * The plain HTTP endpoints: health, Prometheus metrics, OpenAI-style file transcription and the
 * browser demo page. Requests from a refused origin get 403 ({@link CorsPolicy}); everything but
 * {@code /healthz}, the demo files and CORS preflights needs the bearer token when one is set.
 */
final class HttpRoutes {
    static final String TRANSCRIPTIONS = "/v1/audio/transcriptions";
    private final WorkerExecutor worker;
    private final Metrics metrics;
    private final ServerSettings settings;
    private final Transcriber transcriber;
    private final CorsPolicy cors;
    private final WebAssets assets;

    HttpRoutes(DecoderSetup setup, WorkerExecutor worker, Metrics metrics, ServerSettings settings, CorsPolicy cors) {
        this.worker = worker;
        this.metrics = metrics;
        this.settings = settings;
        this.transcriber = new Transcriber(setup);
        this.cors = cors;
        this.assets = settings.demoPage() ? new WebAssets() : null;
    }

    /** Routes a request; {@code authorized}: whether it carried the right bearer token (or none is needed). */
    void handle(HttpServerRequest req, boolean authorized) {
        String path = req.path();
        if (!cors.allows(req.headers())) {
            error(req.response(), 403, "origin " + req.getHeader("Origin") + " is not allowed");
            return;
        }
        cors.addHeaders(req.headers(), req.response());
        boolean open = path.equals("/healthz") || req.method() == HttpMethod.OPTIONS || (assets != null && assets.serves(path));
        if (!open && !authorized) {
            req.response().setStatusCode(401).putHeader("Connection", "close").end("missing or wrong bearer token\n");
        } else if (req.method() == HttpMethod.OPTIONS && (path.equals(TRANSCRIPTIONS) || path.equals("/healthz") || path.equals("/metrics"))) {
            cors.preflight(req.response());
        } else if (assets != null && assets.serves(path) && req.method() == HttpMethod.GET) {
            assets.send(path, req.response());
        } else if (path.equals("/healthz") && req.method() == HttpMethod.GET) {
            req.response().putHeader("Content-Type", "application/json").end("{\"status\":\"ok\"}");
        } else if (path.equals("/metrics") && req.method() == HttpMethod.GET) {
            req.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.prometheus());
        } else if (path.equals(TRANSCRIPTIONS) && req.method() == HttpMethod.POST) {
            transcribe(req);
        } else {
            error(req.response(), 404, "no such endpoint: " + req.method() + " " + path);
        }
    }

    private void transcribe(HttpServerRequest req) {
        String type = req.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            error(req.response(), 400, "expected a multipart/form-data upload with a 'file' field");
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > settings.maxUploadBytes()) {
            error(req.response(), 413, "upload exceeds " + settings.maxUploadBytes() + " bytes");
            return;
        }
        // The upload is gathered in memory (bounded by the upload limit, so an oversized one is read
        // to its end and answered with 413) and written to a temp file on the worker.
        Buffer data = Buffer.buffer();
        String[] ext = {null};
        boolean[] tooBig = {false};
        req.setExpectMultipart(true);
        req.uploadHandler(up -> {
            if (!up.name().equals("file") || ext[0] != null) return;
            ext[0] = extension(up.filename());
            up.handler(b -> {
                if (data.length() + (long) b.length() > settings.maxUploadBytes()) tooBig[0] = true;
                else data.appendBuffer(b);
            });
        });
        req.endHandler(v -> {
            String format = req.formAttributes().get("response_format");
            if (ext[0] == null) {
                error(req.response(), 400, "the upload has no 'file' field");
            } else if (tooBig[0]) {
                error(req.response(), 413, "upload exceeds " + settings.maxUploadBytes() + " bytes");
            } else {
                finishTranscription(req.response(), data.getBytes(), ext[0], format == null ? "json" : format);
            }
        });
    }

    /** The upload's own extension when it is short and plain (the audio reader picks its decoder by it), else .wav. */
    private static String extension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,5}") ? "." + ext : ".wav";
    }

    private void finishTranscription(HttpServerResponse resp, byte[] audio, String ext, String format) {
        if (!Transcriber.FORMATS.contains(format)) {
            error(resp, 400, "response_format must be one of " + Transcriber.FORMATS + ", got '" + format + "'");
            return;
        }
        worker.executeBlocking(() -> {
            Path file = Files.createTempFile("elman-upload-", ext);
            try {
                Files.write(file, audio);
                long t0 = System.nanoTime();
                Transcriber.Output out = transcriber.transcribe(file, format);
                double secs = (System.nanoTime() - t0) * 1e-9;
                metrics.decoded(out.audioSeconds(), secs, secs);
                return out;
            } finally {
                delete(file);
            }
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                Throwable e = ar.cause();
                boolean client = e instanceof IllegalArgumentException || e instanceof IOException || e instanceof AudioFormatException;
                error(resp, client ? 400 : 500, e.getMessage() == null ? e.toString() : e.getMessage());
                return;
            }
            resp.putHeader("Content-Type", ar.result().contentType()).end(ar.result().body());
        });
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static void error(HttpServerResponse resp, int status, String message) {
        if (resp.ended()) return;
        // close the connection: an error may come before the request body was read
        resp.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                .end("{\"error\":{\"message\":" + Replies.write(Replies.JSON.getNodeFactory().textNode(message)) + "}}");
    }
}
