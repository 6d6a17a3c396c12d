package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elman.models.speech.Recognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketProtocolTest {
    private static Vertx vertx;
    private static Recognizer recognizer;
    private static RecognitionServer server;
    private static int port;
    private static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        recognizer = Fixtures.recognizer();
        server = RecognitionServer.builder().setRecognizer(recognizer).optHost("127.0.0.1").optPort(0).optVertx(vertx)
                .optEndpoints(EndpointRules.none()).optDecodeThreads(2).build();
        port = server.start().await(10, TimeUnit.SECONDS);
        client = TestClient.client(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Sends audio in frames of {@code frame} bytes; asserts one partial reply per frame. */
    private static void sendFrames(TestClient c, byte[] pcm, int from, int to, int frame) throws Exception {
        for (int at = from; at < to; at += frame) {
            c.audio(Arrays.copyOfRange(pcm, at, Math.min(to, at + frame)));
            JsonNode r = c.next();
            assertTrue(r.has("partial"), "audio reply should be a partial: " + r);
        }
    }

    @Test
    void streamedResultEqualsOfflineRecognition() throws Exception {
        byte[] pcm = Fixtures.pcm8k("down_enus_f2.wav");
        Recognizer.Result offline = recognizer.recognize(Fixtures.asModelHears(pcm));
        assertFalse(offline.text().isBlank(), "the untrained model should emit something to compare");
        try (TestClient c = TestClient.connect(client, port, "/any/path")) {
            c.text("{ \"config\" :{\"sample_rate\":8000 ,\"words\": true, \"max_alternatives\" : 0}}");
            sendFrames(c, pcm, 0, pcm.length, 3200);   // 200 ms frames
            c.text("{\"eof\" : 1}");
            JsonNode r = c.next();
            assertEquals(offline.text(), r.get("text").asText());
            double audioSeconds = pcm.length / 2 / 8000.0;
            double last = 0;
            StringBuilder words = new StringBuilder();
            for (JsonNode w : r.get("result")) {
                assertTrue(w.get("start").asDouble() >= last && w.get("end").asDouble() > w.get("start").asDouble(), "word times ordered: " + r);
                assertTrue(w.get("end").asDouble() <= audioSeconds + 0.05, "word ends inside the audio: " + r);
                assertEquals(1.0, w.get("conf").asDouble());
                last = w.get("end").asDouble();
                words.append(words.length() == 0 ? "" : " ").append(w.get("word").asText());
            }
            assertEquals(offline.text().strip(), words.toString());
            assertEquals(Session.CLOSE_NORMAL, c.closeCode());
            assertTrue(c.replies.isEmpty(), "nothing after the final result");
        }
    }

    @Test
    void resetGivesTheResultAndKeepsTheConnection() throws Exception {
        byte[] a = Fixtures.pcm8k("no_enus_f2.wav");
        byte[] b = Fixtures.pcm8k("down_en_m1.wav");
        try (TestClient c = TestClient.connect(client, port, "/")) {
            sendFrames(c, a, 0, a.length, 1600);   // 100 ms frames, default rate 8000
            c.text("{\"reset\":1}");
            JsonNode first = c.next();
            assertEquals(recognizer.recognize(Fixtures.asModelHears(a)).text(), first.get("text").asText());
            sendFrames(c, b, 0, b.length, 1600);
            c.text("{\"eof\":1}");
            JsonNode second = c.next();
            assertEquals(recognizer.recognize(Fixtures.asModelHears(b)).text(), second.get("text").asText());
            double offset = a.length / 2 / 8000.0;
            for (JsonNode w : second.get("result")) assertTrue(w.get("start").asDouble() >= offset, "times count from the stream start: " + second);
            assertEquals(Session.CLOSE_NORMAL, c.closeCode());
        }
    }

    @Test
    void concurrentStreamsEachGetTheirOfflineResult() throws Exception {
        String[] names = {"down_en_m1.wav", "no_enus_f2.wav", "down_enus_m3.wav", "no_en_m1.wav", "down_enus_f4.wav", "no_enus_m3.wav"};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(names.length);
        try {
            List<java.util.concurrent.Future<String[]>> runs = new java.util.ArrayList<>();
            for (String name : names) {
                runs.add(pool.submit(() -> {
                    byte[] pcm = Fixtures.pcm8k(name);
                    try (TestClient c = TestClient.connect(client, port, "/" + name)) {
                        sendFrames(c, pcm, 0, pcm.length, 1600);
                        c.text("{\"eof\":1}");
                        return new String[] {recognizer.recognize(Fixtures.asModelHears(pcm)).text(), c.next().get("text").asText()};
                    }
                }));
            }
            for (java.util.concurrent.Future<String[]> f : runs) {
                String[] r = f.get(60, TimeUnit.SECONDS);
                assertEquals(r[0], r[1]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wordsFalseLeavesOutTheWordList() throws Exception {
        byte[] pcm = Fixtures.pcm8k("down_enus_f2.wav");
        try (TestClient c = TestClient.connect(client, port, "/")) {
            c.text("{\"config\": {\"words\": false}}");
            sendFrames(c, pcm, 0, pcm.length, 4000);
            c.text("{\"eof\":1}");
            JsonNode r = c.next();
            assertFalse(r.has("result"));
            assertTrue(r.has("text"));
        }
    }

    @Test
    void eofWithoutAudioGivesAnEmptyResult() throws Exception {
        try (TestClient c = TestClient.connect(client, port, "/")) {
            c.text("{\"eof\":1}");
            assertEquals("", c.next().get("text").asText());
            assertEquals(Session.CLOSE_NORMAL, c.closeCode());
        }
    }

    @Test
    void maxUtteranceEndpointSendsAResultMidStream() throws Exception {
        RecognitionServer s = RecognitionServer.builder().setRecognizer(recognizer).optHost("127.0.0.1").optPort(0).optVertx(vertx)
                .optEndpoints(new EndpointRules(0, 300, 0)).optDecodeThreads(1).build();
        int p = s.start().await(10, TimeUnit.SECONDS);
        try (TestClient c = TestClient.connect(client, p, "/")) {
            byte[] pcm = Fixtures.pcm8k("down_enus_f2.wav");
            int results = 0;
            for (int at = 0; at + 1600 <= pcm.length; at += 1600) {   // 100 ms frames
                c.audio(Arrays.copyOfRange(pcm, at, at + 1600));
                JsonNode r = c.next();
                if (r.has("text")) results++; else assertTrue(r.has("partial"));
            }
            assertEquals((pcm.length / 1600) / 3, results, "a result after every 300 ms");
        } finally {
            s.close().await(10, TimeUnit.SECONDS);
        }
    }
}
