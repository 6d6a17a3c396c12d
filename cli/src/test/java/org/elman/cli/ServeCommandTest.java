package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elman serve} fails in one line before listening when its settings or model are bad. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void missingOrBrokenModelIsNamed() throws Exception {
        Path missing = tmp.resolve("none.safetensors");
        Cli r = Cli.run("serve", "--model", missing.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals("elman serve: " + missing + ": model file not found", r.err().strip());
        Path junk = Files.writeString(tmp.resolve("junk.safetensors"), "not a model");
        r = Cli.run("serve", "--model", junk.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.err().startsWith("elman serve: ") && r.err().contains("junk.safetensors"), r.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(Elman.EXIT_USAGE, Cli.run("serve", "--port", "70000").exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("serve", "--port", "abc").exitCode());
        Cli batch = Cli.run("serve", "--max-batch", "0");
        assertEquals(Elman.EXIT_USAGE, batch.exitCode());
        assertTrue(batch.err().contains("--max-batch must be >= 1, got 0"), batch.err());
        assertEquals(Elman.EXIT_USAGE, Cli.run("serve", "--decode-threads", "0").exitCode());
        Cli cors = Cli.run("serve", "--cors-origin", "http://ok.example", "--cors-origin", "app.example/path");
        assertEquals(Elman.EXIT_USAGE, cors.exitCode());
        assertTrue(cors.err().contains("--cors-origin") && cors.err().contains("'app.example/path'"), cors.err());
        Cli half = Cli.run("serve", "--tls-cert", tmp.resolve("c.pem").toString());
        assertEquals(Elman.EXIT_USAGE, half.exitCode());
        assertTrue(half.err().contains("--tls-cert and --tls-key go together"), half.err());
    }

    @Test
    void unreadableOrInvalidTlsFilesAreNamedBeforeTheModelLoads() throws Exception {
        Path missing = tmp.resolve("missing-cert.pem");
        Path key = Files.writeString(tmp.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Cli r = Cli.run("serve", "--model", tmp.resolve("none.safetensors").toString(), "--tls-cert", missing.toString(), "--tls-key", key.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals("elman serve: TLS certificate " + missing + ": no such file", r.err().strip());
        Path junk = Files.writeString(tmp.resolve("junk-cert.pem"), "hello");
        r = Cli.run("serve", "--tls-cert", junk.toString(), "--tls-key", key.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.err().startsWith("elman serve: TLS certificate " + junk + ": no PEM certificate"), r.err());
    }
}
