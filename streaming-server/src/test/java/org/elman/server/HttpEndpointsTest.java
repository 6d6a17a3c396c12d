package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elman.models.speech.Recognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {
    private static final String WAV = "down_enus_f2.wav";
    private static Vertx vertx;
    private static Recognizer recognizer;
    private static RecognitionServer server;
    private static int port;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        recognizer = Fixtures.recognizer();
        server = RecognitionServer.builder().setRecognizer(recognizer).optHost("127.0.0.1").optPort(0).optVertx(vertx)
                .optEndpoints(EndpointRules.none()).optToken("tok").optMaxUploadBytes(1 << 20).build();
        port = server.start().await(10, TimeUnit.SECONDS);
        http = vertx.createHttpClient();   // keep-alive, pooled connections
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private record Reply(int status, String contentType, String body) {}

    private static Reply send(HttpMethod method, String uri, String contentType, Buffer body) throws Exception {
        RequestOptions o = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(uri).setMethod(method);
        if (!uri.equals("/healthz")) o.addHeader("Authorization", "Bearer tok");
        if (contentType != null) o.addHeader("Content-Type", contentType);
        // body() is asked for inside the response callback, on the event loop: chained from this
        // thread it could come after the body had already gone by, and never complete
        return http.request(o).compose(req -> (body == null ? req.send() : req.send(body))
                .compose(r -> r.body().map(b -> new Reply(r.statusCode(), r.getHeader("Content-Type"), b.toString(StandardCharsets.UTF_8)))))
                .await(20, TimeUnit.SECONDS);
    }

    private static Reply upload(String format, boolean withFile) throws Exception {
        String boundary = "elmanBoundary42";
        Buffer body = Buffer.buffer();
        if (withFile) {
            body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\n");
            body.appendBytes(Files.readAllBytes(Fixtures.YESNO.resolve(WAV))).appendString("\r\n");
        }
        if (format != null) {
            body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + format + "\r\n");
        }
        body.appendString("--" + boundary + "--\r\n");
        return send(HttpMethod.POST, "/v1/audio/transcriptions", "multipart/form-data; boundary=" + boundary, body);
    }

    @Test
    void healthAndMetrics() throws Exception {
        Reply h = send(HttpMethod.GET, "/healthz", null, null);
        assertEquals(200, h.status());
        assertEquals("ok", Replies.JSON.readTree(h.body()).get("status").asText());
        Reply m = send(HttpMethod.GET, "/metrics", null, null);
        assertEquals(200, m.status());
        assertTrue(m.contentType().startsWith("text/plain"));
        for (String name : List.of("elman_active_sessions ", "elman_sessions_total ", "elman_audio_seconds_total ",
                "elman_real_time_factor ", "elman_decode_latency_seconds_bucket{le=\"+Inf\"} ", "elman_decode_latency_seconds_count ")) {
            assertTrue(m.body().contains("\n" + name), "metrics should have " + name + ":\n" + m.body());
        }
        RequestOptions noToken = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/metrics");
        int status = http.request(noToken).compose(req -> req.send().compose(r -> r.body().map(b -> r.statusCode())))
                .await(10, TimeUnit.SECONDS);
        assertEquals(401, status);
        assertEquals(404, send(HttpMethod.GET, "/nothing", null, null).status());
    }

    @Test
    void transcriptionEqualsOfflineRecognitionInEveryFormat() throws Exception {
        String expected = recognizer.recognize(Fixtures.YESNO.resolve(WAV)).text().strip();
        Reply json = upload(null, true);
        assertEquals(200, json.status(), json.body());
        assertEquals(expected, Replies.JSON.readTree(json.body()).get("text").asText());
        assertEquals(expected + "\n", upload("text", true).body());
        JsonNode verbose = Replies.JSON.readTree(upload("verbose_json", true).body());
        assertEquals(expected, verbose.get("text").asText());
        assertEquals(1, verbose.get("segments").size());
        assertEquals(expected.split(" ").length, verbose.get("words").size());
        double start = verbose.get("segments").get(0).get("start").asDouble();
        double end = verbose.get("segments").get(0).get("end").asDouble();
        String cue = Transcriber.stamp(start, false) + " --> " + Transcriber.stamp(end, false);
        assertEquals("1\n" + cue + "\n" + expected + "\n\n", upload("srt", true).body());
        Reply vtt = upload("vtt", true);
        assertEquals("WEBVTT\n\n" + cue.replace(',', '.') + "\n" + expected + "\n\n", vtt.body());
        assertTrue(server.metricsText().contains("elman_audio_seconds_total"));
    }

    @Test
    void badUploadsGetClearErrors() throws Exception {
        Reply badFormat = upload("docx", true);
        assertEquals(400, badFormat.status());
        assertTrue(badFormat.body().contains("response_format"), badFormat.body());
        Reply noFile = upload("json", false);
        assertEquals(400, noFile.status());
        assertTrue(noFile.body().contains("'file'"), noFile.body());
        Reply notMultipart = send(HttpMethod.POST, "/v1/audio/transcriptions", "application/json", Buffer.buffer("{}"));
        assertEquals(400, notMultipart.status());
        Reply garbage = send(HttpMethod.POST, "/v1/audio/transcriptions", "multipart/form-data; boundary=b",
                Buffer.buffer("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.wav\"\r\n\r\nnot a wav at all\r\n--b--\r\n"));
        assertEquals(400, garbage.status(), garbage.body());
        assertEquals(200, send(HttpMethod.GET, "/healthz", null, null).status());
    }

    @Test
    void manyUploadsInARowAreServed() throws Exception {
        for (int i = 0; i < 25; i++) {
            assertEquals(200, upload("json", true).status());
            assertEquals(200, send(HttpMethod.GET, "/healthz", null, null).status());
        }
    }

    @Test
    void oversizedUploadIsRefused() throws Exception {
        String boundary = "b0";
        Buffer body = Buffer.buffer("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.wav\"\r\n\r\n")
                .appendBytes(new byte[(1 << 20) + 10]).appendString("\r\n--" + boundary + "--\r\n");
        Reply r = send(HttpMethod.POST, "/v1/audio/transcriptions", "multipart/form-data; boundary=" + boundary, body);
        assertEquals(413, r.status(), r.body());
        assertEquals(200, send(HttpMethod.GET, "/healthz", null, null).status());
    }

    @Test
    void timestampsFormat() {
        assertEquals("01:02:03,004", Transcriber.stamp(3723.004, false));
        assertEquals("00:00:00.250", Transcriber.stamp(0.25, true));
    }
}
