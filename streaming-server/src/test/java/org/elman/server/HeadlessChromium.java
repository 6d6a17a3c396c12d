package org.elman.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, started on one page with a fake microphone that plays (and loops) a
 * WAV file, and a DevTools port; {@link #close()} kills it with its child processes and deletes its
 * profile directory.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private final Path dir;
    private final Process process;

    private HeadlessChromium(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static HeadlessChromium launch(Path microphoneWav, String url) throws IOException {
        Path dir = Files.createTempDirectory("elman-chromium-");
        List<String> cmd = List.of(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + microphoneWav,
                "--remote-debugging-port=0", "--user-data-dir=" + dir.resolve("profile"), url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        return new HeadlessChromium(dir, p);
    }

    /** The DevTools WebSocket URL of the page that shows {@code url} (waits up to 20 s for Chromium to start). */
    URI pageDebuggerUrl(String url) throws Exception {
        Path portFile = dir.resolve("profile").resolve("DevToolsActivePort");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("chromium exited with " + process.exitValue() + ": " + log());
            List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
            if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lines.get(0).strip() + "/json/list")).build();
                for (JsonNode t : Replies.JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body())) {
                    if (t.get("type").asText().equals("page") && t.get("url").asText().startsWith(url)) {
                        return URI.create(t.get("webSocketDebuggerUrl").asText());
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no DevTools page for " + url + " within 20 s: " + log());
    }

    /** The last 2,000 characters of Chromium's own output, for failure messages. */
    String log() {
        try {
            String s = Files.readString(dir.resolve("chromium.log"), StandardCharsets.UTF_8);
            return s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            List<ProcessHandle> children = process.descendants().toList();
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : children) h.onExit().get(10, TimeUnit.SECONDS);
        } finally {
            deleteTree();
            if (Files.exists(dir)) {   // a child may still have been writing: once more
                Thread.sleep(300);
                deleteTree();
            }
        }
    }

    private void deleteTree() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
