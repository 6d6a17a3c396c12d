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

/** {@code max_alternatives}: final results as vosk-server's n-best "alternatives" list. */
class AlternativesTest {
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
                .optEndpoints(EndpointRules.none()).optDecodeThreads(1).build();
        port = server.start().await(10, TimeUnit.SECONDS);
        client = TestClient.client(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Streams {@code pcm} in 200 ms frames with this config; returns the final reply (partials checked on the way). */
    private static JsonNode finalReply(String config, byte[] pcm) throws Exception {
        try (TestClient c = TestClient.connect(client, port, "/")) {
            c.text(config);
            for (int at = 0; at < pcm.length; at += 3200) {
                c.audio(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3200)));
                JsonNode r = c.next();
                assertTrue(r.has("partial") && r.size() == 1, "audio replies stay partials: " + r);
            }
            c.text("{\"eof\" : 1}");
            JsonNode r = c.next();
            assertEquals(Session.CLOSE_NORMAL, c.closeCode());
            return r;
        }
    }

    @Test
    void threeAlternativesSortedWithTheBeamSearchBestFirst() throws Exception {
        Recognizer beam8 = Recognizer.builder().setModel(recognizer.model()).setTokenizer(Fixtures.TOK).optFrontend(Fixtures.FE)
                .optUtteranceCmvn(false).optBeamWidth(DecoderSetup.HOT_WORD_BEAM).build();
        int several = 0;
        for (String name : List.of("down_enus_f2.wav", "no_en_m1.wav", "yes_enus_f2.wav")) {
            byte[] pcm = Fixtures.pcm8k(name);
            JsonNode r = finalReply("{\"config\" : {\"max_alternatives\" : 3}}", pcm);
            assertEquals(1, r.size(), "only the alternatives field: " + r);
            JsonNode alts = r.get("alternatives");
            assertTrue(alts.isArray() && alts.size() >= 1 && alts.size() <= 3, "1..3 alternatives: " + r);
            assertEquals(beam8.recognize(Fixtures.asModelHears(pcm)).text(), alts.get(0).get("text").asText(), name);
            double previous = Double.POSITIVE_INFINITY;
            double sum = 0;
            for (JsonNode a : alts) {
                double conf = a.get("confidence").asDouble();
                assertTrue(conf > 0 && conf <= 1 && conf <= previous, "confidences in (0, 1], descending: " + r);
                previous = conf;
                sum += conf;
                assertWords(a, name);
            }
            assertEquals(1.0, sum, 1e-5, "confidences are posteriors within the list: " + r);
            assertEquals(alts.size(), alts.findValues("text").stream().map(JsonNode::asText).distinct().count(), "distinct texts: " + r);
            if (alts.size() > 1) several++;
        }
        assertTrue(several > 0, "the untrained model should leave more than one hypothesis somewhere");
    }

    /** Each alternative's words spell its text, with ordered times inside the audio (no "result" for no words). */
    private static void assertWords(JsonNode a, String name) {
        String text = a.get("text").asText().strip();
        if (text.isEmpty()) {
            assertFalse(a.has("result"), name + ": " + a);
            return;
        }
        StringBuilder spelled = new StringBuilder();
        double last = 0;
        for (JsonNode w : a.get("result")) {
            assertEquals(3, w.size(), "start, end, word: " + w);
            assertTrue(w.get("start").asDouble() >= last && w.get("end").asDouble() > w.get("start").asDouble(), name + ": " + a);
            last = w.get("end").asDouble();
            spelled.append(spelled.length() == 0 ? "" : " ").append(w.get("word").asText());
        }
        assertEquals(text, spelled.toString());
    }

    @Test
    void wordsFalseAndSingleAlternative() throws Exception {
        JsonNode r = finalReply("{\"config\" : {\"max_alternatives\" : 1, \"words\" : false}}", Fixtures.pcm8k("down_en_m1.wav"));
        assertEquals(1, r.get("alternatives").size(), r.toString());
        JsonNode a = r.get("alternatives").get(0);
        assertFalse(a.has("result"));
        assertEquals(1.0, a.get("confidence").asDouble(), 1e-9);
    }

    @Test
    void zeroKeepsThePlainResult() throws Exception {
        JsonNode r = finalReply("{\"config\" : {\"max_alternatives\" : 0}}", Fixtures.pcm8k("no_en_m1.wav"));
        assertTrue(r.has("text") && !r.has("alternatives"), r.toString());
    }

    @Test
    void hotWordsAndAlternativesTogether() throws Exception {
        JsonNode r = finalReply("{\"config\" : {\"max_alternatives\" : 2, \"phrase_list\" : [\"yes\"]}}", Fixtures.pcm8k("yes_enus_f2.wav"));
        assertTrue(r.get("alternatives").size() >= 1 && r.get("alternatives").size() <= 2, r.toString());
    }
}
