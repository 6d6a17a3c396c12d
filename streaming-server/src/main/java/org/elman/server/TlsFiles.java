package org.elman.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * A PEM certificate chain and private key for serving {@code https} and {@code wss}, read and
 * checked when made: an unreadable file, a certificate file without a parsable X.509 certificate or a
 * key file without a PEM private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY})
 * throws {@link IllegalArgumentException} naming the file.
 */
public final class TlsFiles {
    private final Path certificate;
    private final Path key;
    private final Buffer certificatePem;
    private final Buffer keyPem;

    private TlsFiles(Path certificate, Path key, byte[] certificatePem, byte[] keyPem) {
        this.certificate = certificate;
        this.key = key;
        this.certificatePem = Buffer.buffer(certificatePem);
        this.keyPem = Buffer.buffer(keyPem);
    }

    /** Reads and checks both files (both are required). */
    public static TlsFiles read(Path certificate, Path key) {
        if (certificate == null || key == null) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key file (" + (certificate == null ? "certificate" : "key") + " missing)");
        }
        byte[] cert = readFile("certificate", certificate);
        byte[] k = readFile("key", key);
        checkCertificate(certificate, cert);
        String keyText = new String(k, StandardCharsets.US_ASCII);
        if (!keyText.contains("-----BEGIN PRIVATE KEY-----") && !keyText.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new IllegalArgumentException("TLS key " + key + ": no PEM private key in it (expected '-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----')");
        }
        TlsFiles tls = new TlsFiles(certificate, key, cert, k);
        try {
            tls.options().getKeyManagerFactory(null);   // parses the key with the certificate, as the server will
        } catch (Exception e) {
            throw new IllegalArgumentException("TLS key " + key + ": cannot load it with certificate " + certificate + " (" + e + ")", e);
        }
        return tls;
    }

    private static byte[] readFile(String what, Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("TLS " + what + " " + file + ": no such file");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("TLS " + what + " " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    private static void checkCertificate(Path file, byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("TLS certificate " + file + ": no PEM certificate in it (expected '-----BEGIN CERTIFICATE-----')");
        }
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
                throw new CertificateException("no certificate found");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("TLS certificate " + file + ": not a valid X.509 certificate (" + e.getMessage() + ")", e);
        }
    }

    /** The certificate file's path. */
    public Path certificate() {
        return certificate;
    }

    /** The key file's path. */
    public Path key() {
        return key;
    }

    /** Vert.x options holding the PEM contents as read. */
    PemKeyCertOptions options() {
        return new PemKeyCertOptions().setCertValue(certificatePem).setKeyValue(keyPem);
    }
}
