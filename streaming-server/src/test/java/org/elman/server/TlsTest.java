package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.elman.models.speech.Recognizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** https and wss from a PEM certificate and key made here with the JDK's keytool; bad files give errors naming them. */
class TlsTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void makeCertificate() throws Exception {
        selfSigned(tmp);
    }

    /** A self-signed EC (P-256) certificate for localhost/127.0.0.1 and its PKCS#8 key, as PEM files {@code cert.pem} and {@code key.pem}. */
    private static void selfSigned(Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Assumptions.assumeTrue(Files.isExecutable(keytool), "no keytool in this JDK: TLS test skipped");
        Path store = dir.resolve("tls.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Key key = ks.getKey("server", "changeit".toCharArray());
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", ks.getCertificate("server").getEncoded()));
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void servesHttpsAndWss() throws Exception {
        Recognizer rec = Fixtures.recognizer();
        Vertx vertx = Vertx.vertx();
        RecognitionServer server = RecognitionServer.builder().setRecognizer(rec).optHost("127.0.0.1").optPort(0).optVertx(vertx)
                .optEndpoints(EndpointRules.none()).optTls(TlsFiles.read(tmp.resolve("cert.pem"), tmp.resolve("key.pem"))).build();
        try {
            int port = server.start().await(30, TimeUnit.SECONDS);   // TLS setup is slow on a loaded machine
            HttpClient https = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
            String health = https.request(new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/healthz"))
                    .compose(req -> req.send().compose(r -> r.body().map(b -> r.statusCode() + " " + b)))
                    .await(30, TimeUnit.SECONDS);
            assertEquals("200 {\"status\":\"ok\"}", health);
            byte[] pcm = Fixtures.pcm8k("down_enus_f2.wav");
            WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/").setSsl(true);
            try (TestClient c = TestClient.connect(vertx.createWebSocketClient(new WebSocketClientOptions().setTrustAll(true).setVerifyHost(false)), o)) {
                for (int at = 0; at < pcm.length; at += 3200) {
                    c.audio(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3200)));
                    assertTrue(c.next().has("partial"));
                }
                c.text("{\"eof\" : 1}");
                JsonNode r = c.next();
                assertEquals(rec.recognize(Fixtures.asModelHears(pcm)).text(), r.get("text").asText());
            }
        } finally {
            server.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void opensslPairFromTheReadmeIsAccepted() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "no openssl: RSA pair check skipped");
        Path dir = Files.createDirectories(tmp.resolve("openssl"));
        Process p = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem",
                "-out", "cert.pem", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl failed: " + out);
        TlsFiles tls = TlsFiles.read(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertEquals(dir.resolve("key.pem"), tls.key());
    }

    private static void assertRejected(String messagePart, Executable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r);
        assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' should mention " + messagePart);
    }

    @Test
    void badFilesAreNamed() throws Exception {
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        Path missing = tmp.resolve("missing.pem");
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a pem file\n");
        Path brokenCert = Files.writeString(tmp.resolve("broken-cert.pem"), pem("CERTIFICATE", new byte[] {1, 2, 3, 4}));
        Path brokenKey = Files.writeString(tmp.resolve("broken-key.pem"), pem("PRIVATE KEY", new byte[] {1, 2, 3, 4}));
        assertRejected("TLS certificate " + missing + ": no such file", () -> TlsFiles.read(missing, key));
        assertRejected("TLS key " + missing + ": no such file", () -> TlsFiles.read(cert, missing));
        assertRejected("TLS certificate " + junk + ": no PEM certificate", () -> TlsFiles.read(junk, key));
        assertRejected("TLS certificate " + brokenCert + ": not a valid X.509 certificate", () -> TlsFiles.read(brokenCert, key));
        assertRejected("TLS key " + junk + ": no PEM private key", () -> TlsFiles.read(cert, junk));
        assertRejected("TLS key " + brokenKey, () -> TlsFiles.read(cert, brokenKey));
        assertRejected("needs both", () -> TlsFiles.read(cert, null));
        assertRejected("TLS key " + missing, () -> ServerMain.parse(new String[] {"--model", "none.safetensors",
                "--tls-cert", cert.toString(), "--tls-key", missing.toString()}));
        assertRejected("--tls-cert and --tls-key go together", () -> ServerMain.parse(new String[] {"--model", "none.safetensors",
                "--tls-cert", cert.toString()}));
    }
}
