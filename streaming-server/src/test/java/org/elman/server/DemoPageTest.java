package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo page and its files over plain HTTP: served from the jar without the token, nothing else is. */
class DemoPageTest {
    private static Vertx vertx;
    private static HttpClient http;
    private static RecognitionServer withPage;
    private static RecognitionServer withoutPage;
    private static int pagePort;
    private static int noPagePort;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        withPage = RecognitionServer.builder().setRecognizer(Fixtures.recognizer()).optHost("127.0.0.1").optPort(0).optVertx(vertx)
                .optToken("tok").optDecodeThreads(1).build();
        withoutPage = RecognitionServer.builder().setRecognizer(Fixtures.recognizer()).optHost("127.0.0.1").optPort(0).optVertx(vertx)
                .optDemoPage(false).optDecodeThreads(1).build();
        pagePort = withPage.start().await(10, TimeUnit.SECONDS);
        noPagePort = withoutPage.start().await(10, TimeUnit.SECONDS);
        http = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        withPage.close().await(10, TimeUnit.SECONDS);
        withoutPage.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private record Reply(int status, String contentType, String csp, String body) {}

    private static Reply get(int port, String uri) throws Exception {
        return http.request(new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
                .compose(req -> req.send().compose(r -> r.body().map(b -> new Reply(r.statusCode(), r.getHeader("Content-Type"),
                        r.getHeader("Content-Security-Policy"), b.toString(StandardCharsets.UTF_8)))))
                .await(10, TimeUnit.SECONDS);
    }

    @Test
    void pageAndItsFilesNeedNoToken() throws Exception {
        Reply page = get(pagePort, "/?token=ignored-here");
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertTrue(page.body().contains("id=\"start\"") && page.body().contains("id=\"finals\"") && page.body().contains("/demo/demo.js"), page.body());
        assertTrue(page.csp().contains("default-src 'self'"), page.csp());
        Reply script = get(pagePort, "/demo/demo.js");
        assertEquals("text/javascript; charset=utf-8", script.contentType());
        assertTrue(script.body().contains("'{\"eof\" : 1}'") && script.body().contains("sample_rate"), "demo.js sends config and eof");
        assertTrue(get(pagePort, "/demo/pcm-worklet.js").body().contains("registerProcessor('pcm16'"));
        assertEquals("text/css; charset=utf-8", get(pagePort, "/demo/demo.css").contentType());
    }

    @Test
    void nothingElseIsServedWithoutTheToken() throws Exception {
        assertEquals(401, get(pagePort, "/demo/other.js").status());
        assertEquals(401, get(pagePort, "/demo/../demo/demo.js").status());
        assertEquals(401, get(pagePort, "/metrics").status());
        assertEquals(404, get(pagePort, "/demo/other.js?token=tok").status());
        assertEquals(200, get(pagePort, "/healthz").status());
    }

    @Test
    void pageCanBeTurnedOff() throws Exception {
        assertEquals(404, get(noPagePort, "/").status());
        assertEquals(404, get(noPagePort, "/demo/demo.js").status());
        assertEquals(200, get(noPagePort, "/healthz").status());
    }
}
