package org.elman.server;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.elman.audio.AudioFormatException;

/** The plain HTTP endpoints: health, Prometheus metrics and OpenAI-style file transcription. */
final class HttpRoutes {
    private final WorkerExecutor worker;
    private final Metrics metrics;
    private final ServerSettings settings;
    private final Transcriber transcriber;

    HttpRoutes(DecoderSetup setup, WorkerExecutor worker, Metrics metrics, ServerSettings settings) {
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

    @SuppressWarnings("unchecked")   // a generic array holding one future
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
        Path[] file = {null};
        Future<Void>[] written = new Future[] {null};
        req.setExpectMultipart(true);
        req.uploadHandler(up -> {
            if (!up.name().equals("file") || file[0] != null) return;
            file[0] = Path.of(System.getProperty("java.io.tmpdir"), "elman-upload-" + UUID.randomUUID() + extension(up.filename()));
            written[0] = up.streamToFileSystem(file[0].toString());
        });
        req.exceptionHandler(e -> delete(file[0]));
        req.endHandler(v -> {
            String format = req.formAttributes().get("response_format");
            if (file[0] == null) {
                error(req.response(), 400, "the upload has no 'file' field");
                return;
            }
            written[0].onComplete(ar -> {
                if (ar.failed()) {
                    delete(file[0]);
                    error(req.response(), 400, "upload failed: " + ar.cause().getMessage());
                } else {
                    finishTranscription(req.response(), file[0], format == null ? "json" : format);
                }
            });
        });
    }

    /** The upload's own extension when it is short and plain (the audio reader picks its decoder by it), else .wav. */
    private static String extension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,5}") ? "." + ext : ".wav";
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
