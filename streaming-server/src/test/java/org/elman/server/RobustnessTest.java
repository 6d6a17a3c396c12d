package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.elman.models.speech.Recognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RobustnessTest {
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

    private static RecognitionServer.Builder builder() {
        return RecognitionServer.builder().setRecognizer(recognizer).optHost("127.0.0.1").optPort(0).optVertx(vertx).optDecodeThreads(1);
    }

    /** Runs {@code body} against a fresh server on an ephemeral port, closing it after. */
    private static void withServer(RecognitionServer.Builder b, ServerBody body) throws Exception {
        RecognitionServer s = b.build();
        int port = s.start().await(10, TimeUnit.SECONDS);
        try {
            body.run(s, port);
        } finally {
            s.close().await(10, TimeUnit.SECONDS);
        }
    }

    interface ServerBody {
        void run(RecognitionServer s, int port) throws Exception;
    }

    private static void assertRefused(int port, Consumer<TestClient> send, short code, String messagePart) throws Exception {
        try (TestClient c = TestClient.connect(client, port, "/")) {
            send.accept(c);
            JsonNode r = c.next();
            assertTrue(r.has("error") && r.get("error").asText().contains(messagePart), "expected an error about '" + messagePart + "': " + r);
            assertEquals(code, c.closeCode());
        }
    }

    private static void assertServes(int port) throws Exception {
        try (TestClient c = TestClient.connect(client, port, "/")) {
            c.audio(Fixtures.pcm8k("no_en_m1.wav"));
            assertTrue(c.next().has("partial"));
            c.text("{\"eof\":1}");
            assertTrue(c.next().has("text"));
            assertEquals(Session.CLOSE_NORMAL, c.closeCode());
        }
    }

    private static Consumer<TestClient> text(String s) {
        return c -> {
            try {
                c.text(s);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    private static Consumer<TestClient> audio(byte[] b) {
        return c -> {
            try {
                c.audio(b);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void malformedInputClosesThatClientOnly() throws Exception {
        withServer(builder().optMaxFrameBytes(16000), (s, port) -> {
            short bad = Session.CLOSE_BAD_DATA;
            assertRefused(port, text("{\"config\": {\"sample_rate\": 8000"), bad, "not valid JSON");
            assertRefused(port, text("hello there"), bad, "not valid JSON");
            assertRefused(port, text("[1, 2]"), bad, "JSON object");
            assertRefused(port, text("{\"frobnicate\": 1}"), bad, "unknown message");
            assertRefused(port, audio(new byte[801]), bad, "even count");
            assertRefused(port, audio(new byte[16002]), Session.CLOSE_TOO_BIG, "exceeds the limit");
            for (String rate : new String[] {"0", "-8000", "\"8000\"", "8000.5", "1e9", "null"}) {
                assertRefused(port, text("{\"config\": {\"sample_rate\": " + rate + "}}"), bad, "sample_rate");
            }
            for (String n : new String[] {"-1", "33", "2.5", "\"3\""}) {
                assertRefused(port, text("{\"config\": {\"max_alternatives\": " + n + "}}"), bad, "max_alternatives");
            }
            assertRefused(port, text("{\"config\": {\"phrase_list\": \"yes\"}}"), bad, "phrase_list");
            assertRefused(port, text("{\"config\": {\"phrase_list\": [\"q!\"]}}"), bad, "phrase_list");
            assertRefused(port, text("{\"config\": {\"phrase_list\": [\"" + "\u00fc\u4e2d".repeat(100) + "\"]}}"), bad, "phrase_list");
            assertRefused(port, c -> {
                audio(new byte[1600]).accept(c);
                try {
                    assertTrue(c.next().has("partial"));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                text("{\"config\": {\"sample_rate\": 16000}}").accept(c);
            }, bad, "before the audio");
            assertServes(port);
            assertEquals(0, waitForNoSessions(s));
        });
    }

    @Test
    void phraseListSwitchesToHotWordBeamSearch() throws Exception {
        withServer(builder(), (s, port) -> {
            try (TestClient c = TestClient.connect(client, port, "/")) {
                c.text("{\"config\": {\"phrase_list\": [\"yes\", \"down up\"]}}");
                c.audio(Fixtures.pcm8k("down_enus_f2.wav"));
                assertTrue(c.next().has("partial"));
                c.text("{\"eof\":1}");
                assertTrue(c.next().has("text"));
            }
        });
    }

    @Test
    void sessionsBeyondTheLimitAreRefusedWithAMessage() throws Exception {
        withServer(builder().optMaxSessions(2), (s, port) -> {
            TestClient a = TestClient.connect(client, port, "/");
            TestClient b = TestClient.connect(client, port, "/");
            assertRefused(port, c -> { }, Session.CLOSE_BUSY, "server busy");
            a.close();
            b.close();
            assertEquals(0, waitForNoSessions(s));
            assertServes(port);
            assertTrue(s.metricsText().contains("elman_sessions_refused_total 1\n"), s.metricsText());
        });
    }

    @Test
    void idleSessionsAreClosed() throws Exception {
        withServer(builder().optIdleTimeoutMs(300), (s, port) ->
                assertRefused(port, c -> { }, Session.CLOSE_POLICY, "idle"));
    }

    @Test
    void bearerTokenIsRequiredWhenSet() throws Exception {
        withServer(builder().optToken("s3cret"), (s, port) -> {
            assertThrows(Exception.class, () -> TestClient.connect(client, port, "/"));
            assertThrows(Exception.class, () -> TestClient.connect(client, port, "/?token=wrong"));
            try (TestClient c = TestClient.connect(client, port, "/?token=s3cret")) {
                c.text("{\"eof\":1}");
                assertTrue(c.next().has("text"));
            }
            WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/")
                    .addHeader("Authorization", "Bearer s3cret");
            try (TestClient c = TestClient.connect(client, o)) {
                c.text("{\"eof\":1}");
                assertTrue(c.next().has("text"));
            }
        });
    }

    /** Active sessions after waiting (bounded, 10 s) for them to drain. */
    static int waitForNoSessions(RecognitionServer s) throws InterruptedException {
        for (int i = 0; i < 200 && s.activeSessions() != 0; i++) Thread.sleep(50);
        return s.activeSessions();
    }
}
