package org.elman.server;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The plain HTTP endpoints: health, Prometheus metrics and OpenAI-style file transcription. */
final class HttpRoutes {
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final Metrics metrics;
    private final ServerSettings settings;
    private final Transcriber transcriber;

    HttpRoutes(Vertx vertx, DecoderSetup setup, WorkerExecutor worker, Metrics metrics, ServerSettings settings) {
        this.vertx = vertx;
        this.worker = worker;
        this.metrics = metrics;
        this.settings = settings;
        this.transcriber = new Transcriber(setup);
    }

    void handle(HttpServerRequest req) {
        String path = req.path();
        if (path.equals("/healthz") && req.method() == HttpMethod.GET) {
            req.response().putHeader("Content-Type", "application/json").end("{\"status\":\"ok\"}");
        } else if (path.equals("/metrics") && req.method() == HttpMethod.GET) {
            req.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.prometheus());
        } else if (path.equals("/v1/audio/transcriptions") && req.method() == HttpMethod.POST) {
            transcribe(req);
        } else {
            error(req.response(), 404, "no such endpoint: " + req.method() + " " + path);
        }
    }

    private void transcribe(HttpServerRequest req) {
        String type = req.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            error(req.response(), 400, "expected a multipart/form-data upload with a 'file' field");
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > settings.maxUploadBytes()) {
            error(req.response(), 413, "upload exceeds " + settings.maxUploadBytes() + " bytes");
            return;
        }
        Path file;
        try {
            file = Files.createTempFile("elman-upload-", ".audio");
        } catch (IOException e) {
            error(req.response(), 500, "cannot store the upload: " + e.getMessage());
            return;
        }
        boolean[] gotFile = {false};
        req.setExpectMultipart(true);
        req.uploadHandler(up -> {
            if (up.name().equals("file")) {
                gotFile[0] = true;
                up.streamToFileSystem(file.toString());
            }
        });
        req.exceptionHandler(e -> delete(file));
        req.endHandler(v -> {
            String format = req.formAttributes().get("response_format");
            if (!gotFile[0]) {
                delete(file);
                error(req.response(), 400, "the upload has no 'file' field");
                return;
            }
            finishTranscription(req.response(), file, format == null ? "json" : format);
        });
    }

    private void finishTranscription(HttpServerResponse resp, Path file, String format) {
        if (!Transcriber.FORMATS.contains(format)) {
            delete(file);
            error(resp, 400, "response_format must be one of " + Transcriber.FORMATS + ", got '" + format + "'");
            return;
        }
        worker.executeBlocking(() -> {
            try {
                if (Files.size(file) > settings.maxUploadBytes()) throw new IllegalArgumentException("upload exceeds " + settings.maxUploadBytes() + " bytes");
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
                boolean client = e instanceof IllegalArgumentException || e instanceof IOException;
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
        resp.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end("{\"error\":{\"message\":" + Replies.write(Replies.JSON.getNodeFactory().textNode(message)) + "}}");
    }
}
