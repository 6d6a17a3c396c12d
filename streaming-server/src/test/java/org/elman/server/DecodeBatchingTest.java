package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elman.models.speech.Recognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dynamic batching: many streams decoded together get exactly their own offline results. */
class DecodeBatchingTest {
    private static final String[] NAMES = {"down_en_m1.wav", "no_enus_f2.wav", "down_enus_m3.wav", "no_en_m1.wav",
        "down_enus_f4.wav", "no_enus_m3.wav", "down_enus_f2.wav", "no_en_m1.wav"};
    private static Vertx vertx;
    private static Recognizer recognizer;
    private static WebSocketClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        recognizer = Fixtures.recognizer();
        client = TestClient.client(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static RecognitionServer server(int maxBatch) {
        return RecognitionServer.builder().setRecognizer(recognizer).optHost("127.0.0.1").optPort(0).optVertx(vertx)
                .optEndpoints(EndpointRules.none()).optDecodeThreads(1).optMaxBatch(maxBatch).build();
    }

    /** Each client sends all its frames (37-sample-odd sizes) without waiting, then eof; returns {offline, streamed}. */
    private static List<String[]> runClients(int port, int copies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NAMES.length * copies);
        try {
            List<java.util.concurrent.Future<String[]>> runs = new ArrayList<>();
            for (int k = 0; k < NAMES.length * copies; k++) {
                String name = NAMES[k % NAMES.length];
                int frame = 2 * (37 + 400 * (k % 5));
                runs.add(pool.submit(() -> stream(port, name, frame)));
            }
            List<String[]> out = new ArrayList<>();
            for (java.util.concurrent.Future<String[]> f : runs) out.add(f.get(60, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String[] stream(int port, String name, int frame) throws Exception {
        byte[] pcm = Fixtures.pcm8k(name);
        try (TestClient c = TestClient.connect(client, port, "/" + name)) {
            int frames = 0;
            for (int at = 0; at < pcm.length; at += frame, frames++) c.audio(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + frame)));
            c.text("{\"eof\":1}");
            for (int i = 0; i < frames; i++) {
                JsonNode r = c.next();
                assertTrue(r.has("partial"), name + ": audio reply should be a partial: " + r);
            }
            return new String[] {recognizer.recognize(Fixtures.asModelHears(pcm)).text(), c.next().get("text").asText()};
        }
    }

    private static long bucket(String metrics, String le) {
        Matcher m = Pattern.compile("elman_decode_batch_size_bucket\\{le=\"" + Pattern.quote(le) + "\"} (\\d+)").matcher(metrics);
        assertTrue(m.find(), "no batch size bucket " + le + " in\n" + metrics);
        return Long.parseLong(m.group(1));
    }

    @Test
    void batchedStreamsEachGetTheirOfflineResult() throws Exception {
        RecognitionServer s = server(64);
        int port = s.start().await(10, TimeUnit.SECONDS);
        try {
            for (String[] r : runClients(port, 2)) assertEquals(r[0], r[1]);
            String m = s.metricsText();
            assertTrue(bucket(m, "1.0") < bucket(m, "+Inf"), "some batches should hold more than one job:\n" + m);
            assertTrue(m.contains("elman_decode_queue_depth 0\n"), m);
        } finally {
            s.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void batchesNeverExceedTheLimit() throws Exception {
        RecognitionServer s = server(2);
        int port = s.start().await(10, TimeUnit.SECONDS);
        try {
            for (String[] r : runClients(port, 1)) assertEquals(r[0], r[1]);
            String m = s.metricsText();
            assertEquals(bucket(m, "+Inf"), bucket(m, "2.0"), m);
            assertTrue(bucket(m, "1.0") < bucket(m, "2.0"), "some batches should hold two jobs:\n" + m);
        } finally {
            s.close().await(10, TimeUnit.SECONDS);
        }
        assertThrows(IllegalArgumentException.class, () -> server(0));
    }

    @Test
    void aFailingJobFailsAloneAndCloseRejectsTheRest() throws Exception {
        DecoderSetup setup = new DecoderSetup(recognizer, EndpointRules.none(), 2.0, null);
        DecodeBatcher b = new DecodeBatcher(setup.model(), 1, 8, new Metrics());
        Context ctx = vertx.getOrCreateContext();
        StreamDecoder good = new StreamDecoder(setup, ClientConfig.defaults(8000));
        byte[] pcm = Arrays.copyOf(Fixtures.pcm8k("down_en_m1.wav"), 3200);
        Future<DecodeBatcher.Done> ok = b.submit(new DecodeBatcher.Job(ctx, () -> good, pcm, (d, u) -> "ok " + d.partialText()));
        Future<DecodeBatcher.Done> bad = b.submit(new DecodeBatcher.Job(ctx, () -> {
            throw new IllegalArgumentException("broken stream");
        }, pcm, (d, u) -> "never"));
        StreamDecoder other = new StreamDecoder(setup, ClientConfig.defaults(8000));
        other.accept(Pcm16.toFloats(pcm));
        Future<DecodeBatcher.Done> end = b.submit(new DecodeBatcher.Job(ctx, () -> other, null, (d, u) -> "ended " + (u != null)));
        assertTrue(ok.await(10, TimeUnit.SECONDS).reply().startsWith("ok "));
        Exception e = assertThrows(Exception.class, () -> bad.await(10, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getMessage()).contains("broken stream"), String.valueOf(e));
        assertEquals("ended true", end.await(10, TimeUnit.SECONDS).reply());
        b.close();
        assertThrows(RejectedExecutionException.class, () -> b.submit(new DecodeBatcher.Job(ctx, () -> good, null, (d, u) -> "late")));
    }
}
