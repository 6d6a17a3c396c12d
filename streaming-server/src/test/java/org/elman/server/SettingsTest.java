package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static void assertRejected(String messagePart, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' should mention " + messagePart);
    }

    @Test
    void builderValidatesSettings() {
        Recognizer r = Fixtures.recognizer();
        assertRejected("recognizer", () -> RecognitionServer.builder().build());
        assertRejected("port", () -> RecognitionServer.builder().setRecognizer(r).optPort(70000).build());
        assertRejected("max sessions", () -> RecognitionServer.builder().setRecognizer(r).optMaxSessions(0).build());
        assertRejected("frame size", () -> RecognitionServer.builder().setRecognizer(r).optMaxFrameBytes(1).build());
        assertRejected("idle timeout", () -> RecognitionServer.builder().setRecognizer(r).optIdleTimeoutMs(0).build());
        assertRejected("token", () -> RecognitionServer.builder().setRecognizer(r).optToken(" ").build());
        assertRejected("sample rate", () -> RecognitionServer.builder().setRecognizer(r).optDefaultSampleRate(100).build());
        assertRejected("decode threads", () -> RecognitionServer.builder().setRecognizer(r).optDecodeThreads(0).build());
        assertRejected("hot-word boost", () -> RecognitionServer.builder().setRecognizer(r).optHotWordBoost(Double.NaN).build());
        assertRejected("trailing silence", () -> new EndpointRules(-1, 0, 0));
        TdnnModel m = TdnnModel.builder().setInputDim(20).setVocabSize(Fixtures.TOK.size()).optHiddenDim(4).build();
        Recognizer cmvn = Recognizer.builder().setModel(m).setTokenizer(Fixtures.TOK).optFrontend(Fixtures.FE).build();
        assertRejected("CMVN", () -> RecognitionServer.builder().setRecognizer(cmvn).build());
    }

    @Test
    void clientConfigParsesAndRejects() throws Exception {
        ClientConfig c = ClientConfig.defaults(8000).with(Replies.JSON.readTree(
                "{\"sample_rate\" : 16000.0, \"words\" : false, \"max_alternatives\" : 0, \"phrase_list\" : [\" yes \", \"no\"]}"));
        assertEquals(new ClientConfig(16000, false, List.of("yes", "no")), c);
        assertEquals(new ClientConfig(8000, true, List.of(), 5), ClientConfig.defaults(8000).with(Replies.JSON.readTree("{\"max_alternatives\" : 5}")));
        assertRejected("max_alternatives", () -> c.with(Replies.JSON.getNodeFactory().objectNode().put("max_alternatives", 33)));
        assertRejected("max_alternatives", () -> new ClientConfig(8000, true, List.of(), -1));
        assertEquals(ClientConfig.defaults(8000), ClientConfig.defaults(8000).with(Replies.JSON.readTree("{}")));
        assertRejected("words", () -> c.with(Replies.JSON.getNodeFactory().objectNode().put("words", "yes")));
        assertRejected("phrase_list", () -> c.with(Replies.JSON.getNodeFactory().objectNode().set("phrase_list",
                Replies.JSON.getNodeFactory().arrayNode().add(""))));
        assertRejected("JSON object", () -> c.with(Replies.JSON.getNodeFactory().textNode("x")));
    }

    @Test
    void endpointRules() {
        EndpointRules r = new EndpointRules(500, 10_000, 3000);
        assertFalse(r.reached(true, 2000, 499));
        assertTrue(r.reached(true, 2000, 500));
        assertFalse(r.reached(false, 2999, 2999));
        assertTrue(r.reached(false, 3000, 3000));
        assertTrue(r.reached(true, 10_000, 0));
        assertFalse(EndpointRules.none().reached(true, 1e9, 1e9));
    }

    @Test
    void pcm16RoundTripsAndIsLittleEndian() {
        assertArrayEquals(new float[] {0.5f, -1f, 1f / 32768}, Pcm16.toFloats(new byte[] {0, 0x40, 0, (byte) 0x80, 1, 0}));
        float[] x = {0f, 0.25f, -0.75f, 0.999f};
        assertArrayEquals(x, Pcm16.toFloats(Pcm16.fromFloats(x)), 1f / 32768);
        assertThrows(IllegalArgumentException.class, () -> Pcm16.toFloats(new byte[3]));
    }

    @Test
    void metricsInPrometheusFormat() {
        Metrics m = new Metrics();
        m.decoded(2.0, 0.5, 0.003);
        m.decoded(2.0, 0.5, 7.0);
        String t = m.prometheus();
        assertTrue(t.contains("# TYPE elman_decode_latency_seconds histogram\n"), t);
        assertTrue(t.contains("elman_decode_latency_seconds_bucket{le=\"0.001\"} 0\n"), t);
        assertTrue(t.contains("elman_decode_latency_seconds_bucket{le=\"0.005\"} 1\n"), t);
        assertTrue(t.contains("elman_decode_latency_seconds_bucket{le=\"5.0\"} 1\n"), t);
        assertTrue(t.contains("elman_decode_latency_seconds_bucket{le=\"+Inf\"} 2\n"), t);
        assertTrue(t.contains("elman_audio_seconds_total 4\n"), t);
        assertTrue(t.contains("elman_real_time_factor 0.25\n"), t);
    }

    @Test
    void repliesFollowTheVoskShape() throws Exception {
        StreamDecoder.Utterance u = new StreamDecoder.Utterance("yes no", List.of(
                new StreamDecoder.Word("yes", 0.1, 0.3, 1), new StreamDecoder.Word("no", 0.5, 0.6, 1)));
        assertEquals("{\"result\":[{\"conf\":1.0,\"end\":0.3,\"start\":0.1,\"word\":\"yes\"},{\"conf\":1.0,\"end\":0.6,\"start\":0.5,\"word\":\"no\"}],\"text\":\"yes no\"}",
                Replies.result(u, true));
        assertEquals("{\"text\":\"yes no\"}", Replies.result(u, false));
        StreamDecoder.Utterance n = new StreamDecoder.Utterance("yes", List.of(), List.of(
                new StreamDecoder.Alternative("yes", 0.75, List.of(new StreamDecoder.Word("yes", 0.1, 0.3, 1))),
                new StreamDecoder.Alternative("", 0.25, List.of())));
        assertEquals("{\"alternatives\":[{\"confidence\":0.75,\"result\":[{\"end\":0.3,\"start\":0.1,\"word\":\"yes\"}],\"text\":\"yes\"},"
                + "{\"confidence\":0.25,\"text\":\"\"}]}", Replies.result(n, new ClientConfig(8000, true, List.of(), 2)));
        assertEquals("{\"alternatives\":[{\"confidence\":0.75,\"text\":\"yes\"},{\"confidence\":0.25,\"text\":\"\"}]}",
                Replies.alternatives(n, false));
        assertEquals("{\"partial\":\"ye\"}", Replies.partial("ye"));
    }
}
