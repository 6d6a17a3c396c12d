package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Allowed, refused and same origins on HTTP (with preflight) and WebSocket upgrades, for listed origins, '*' and none. */
class CorsTest {
    private static final String APP = "http://app.example:8080";
    private static final String EVIL = "https://evil.example";
    private static Vertx vertx;
    private static HttpClient http;
    private static WebSocketClient wsClient;
    private static RecognitionServer listed;
    private static RecognitionServer any;
    private static RecognitionServer none;
    private static int listedPort;
    private static int anyPort;
    private static int nonePort;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        listed = server(List.of(APP, "HTTPS://Other.Example"));
        any = server(List.of("*"));
        none = server(List.of());
        listedPort = listed.start().await(10, TimeUnit.SECONDS);
        anyPort = any.start().await(10, TimeUnit.SECONDS);
        nonePort = none.start().await(10, TimeUnit.SECONDS);
        http = vertx.createHttpClient();
        wsClient = TestClient.client(vertx);
    }

    private static RecognitionServer server(List<String> origins) {
        return RecognitionServer.builder().setRecognizer(Fixtures.recognizer()).optHost("127.0.0.1").optPort(0).optVertx(vertx)
                .optCorsOrigins(origins).optDecodeThreads(1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        for (RecognitionServer s : new RecognitionServer[] {listed, any, none}) s.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private record Reply(int status, MultiMap headers) {}

    private static Reply request(int port, HttpMethod method, String uri, String origin) throws Exception {
        RequestOptions o = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(uri).setMethod(method);
        if (origin != null) o.addHeader("Origin", origin);
        if (method == HttpMethod.OPTIONS) {
            o.addHeader("Access-Control-Request-Method", "POST").addHeader("Access-Control-Request-Headers", "authorization, content-type");
        }
        return http.request(o).compose(req -> req.send().compose(r -> r.body().map(b -> new Reply(r.statusCode(), r.headers()))))
                .await(10, TimeUnit.SECONDS);
    }

    /** The HTTP status of a WebSocket upgrade with this Origin header: 101 when accepted. */
    private static int upgrade(int port, String origin) throws Exception {
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/").setAllowOriginHeader(origin != null);
        if (origin != null) o.addHeader("Origin", origin);
        try (TestClient c = TestClient.connect(wsClient, o)) {
            c.text("{\"eof\" : 1}");
            assertEquals("", c.next().get("text").asText());
            return 101;
        } catch (UpgradeRejectedException e) {
            return e.getStatus();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UpgradeRejectedException u) return u.getStatus();
            throw e;
        }
    }

    @Test
    void listedOriginsGetPreflightAndHeaders() throws Exception {
        Reply pre = request(listedPort, HttpMethod.OPTIONS, HttpRoutes.TRANSCRIPTIONS, APP);
        assertEquals(204, pre.status());
        assertEquals(APP, pre.headers().get("Access-Control-Allow-Origin"));
        assertTrue(pre.headers().get("Access-Control-Allow-Methods").contains("POST"), pre.headers().toString());
        assertTrue(pre.headers().get("Access-Control-Allow-Headers").contains("Authorization"), pre.headers().toString());
        assertEquals("Origin", pre.headers().get("Vary"));
        Reply other = request(listedPort, HttpMethod.GET, "/healthz", "https://other.example");
        assertEquals(200, other.status());
        assertEquals("https://other.example", other.headers().get("Access-Control-Allow-Origin"));
        assertEquals(101, upgrade(listedPort, APP));
    }

    @Test
    void otherOriginsAreRefused() throws Exception {
        Reply pre = request(listedPort, HttpMethod.OPTIONS, HttpRoutes.TRANSCRIPTIONS, EVIL);
        assertEquals(403, pre.status());
        assertNull(pre.headers().get("Access-Control-Allow-Origin"));
        assertEquals(403, request(listedPort, HttpMethod.GET, "/healthz", EVIL).status());
        assertEquals(403, request(listedPort, HttpMethod.GET, "/healthz", "http://app.example:8081").status());
        assertEquals(403, upgrade(listedPort, EVIL));
        assertEquals(403, upgrade(listedPort, "null"));
    }

    @Test
    void sameOriginAndNoOriginAreAlwaysAllowed() throws Exception {
        String self = "http://127.0.0.1:" + listedPort;
        assertEquals(200, request(listedPort, HttpMethod.GET, "/", self).status());
        assertEquals(200, request(listedPort, HttpMethod.GET, "/healthz", null).status());
        assertEquals(101, upgrade(listedPort, self));
        assertEquals(101, upgrade(listedPort, null));
    }

    @Test
    void wildcardAllowsAnyOrigin() throws Exception {
        Reply pre = request(anyPort, HttpMethod.OPTIONS, HttpRoutes.TRANSCRIPTIONS, EVIL);
        assertEquals(204, pre.status());
        assertEquals(EVIL, pre.headers().get("Access-Control-Allow-Origin"));
        assertEquals(101, upgrade(anyPort, EVIL));
    }

    @Test
    void withoutOriginsNoCorsHeadersAndNoChecks() throws Exception {
        Reply pre = request(nonePort, HttpMethod.OPTIONS, HttpRoutes.TRANSCRIPTIONS, EVIL);
        assertEquals(204, pre.status());
        assertNull(pre.headers().get("Access-Control-Allow-Origin"));
        assertNull(pre.headers().get("Access-Control-Allow-Methods"));
        Reply get = request(nonePort, HttpMethod.GET, "/healthz", EVIL);
        assertEquals(200, get.status());
        assertNull(get.headers().get("Access-Control-Allow-Origin"));
        assertEquals(101, upgrade(nonePort, EVIL));
    }

    @Test
    void badOriginsAreRejected() {
        for (String bad : new String[] {"app.example", "http://app.example/", "http://app.example/path", "ftp://app.example", "", "http://a b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RecognitionServer.builder().setRecognizer(Fixtures.recognizer()).optCorsOrigins(List.of(bad)).build());
            assertTrue(e.getMessage().contains("CORS origin") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
