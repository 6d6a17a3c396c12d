package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elman.audio.AudioData;
import org.elman.audio.io.WavWriter;
import org.elman.models.speech.Recognizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real browser: headless Chromium opens the demo page, its fake microphone plays a
 * WAV file (quiet, "yes", quiet; looped), the page streams it through its AudioWorklet and WebSocket,
 * and the transcript it shows must hold what the offline recognizer gives for the same file.
 * Skipped where {@code /usr/bin/chromium} is not installed.
 */
class BrowserDemoTest {
    private static final String STATE = "JSON.stringify({finals: Array.from(document.querySelectorAll('#finals li'), li => li.textContent),"
            + " partial: document.getElementById('partial').textContent, status: document.getElementById('status').textContent})";

    private static final int MIC_RATE_HZ = 16000;
    @TempDir
    Path tmp;

    @Test
    void pageTranscribesTheMicrophone() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "no " + HeadlessChromium.BINARY + ": browser test skipped");
        Recognizer rec = TrainedYesNo.recognizer(MIC_RATE_HZ);
        byte[] pcm = Fixtures.concat(Fixtures.quiet8k(0.5, 7), Fixtures.pcm8k("yes_enus_f2.wav"), Fixtures.quiet8k(1.0, 8));
        Path wav = tmp.resolve("mic.wav");
        WavWriter.writePcm16(wav, new AudioData(Pcm16.toFloats(TrainedYesNo.link(pcm, MIC_RATE_HZ, 9)), MIC_RATE_HZ));
        String expected = rec.recognize(wav).text().strip();
        assertFalse(expected.isEmpty(), "the offline recognizer should hear a word");
        RecognitionServer server = RecognitionServer.builder().setRecognizer(rec).optHost("127.0.0.1").optPort(0)
                .optToken("s3cret").optEndpoints(new EndpointRules(300, 0, 0)).optDecodeThreads(1).build();
        int port = server.start().await(10, TimeUnit.SECONDS);
        String page = "http://127.0.0.1:" + port + "/?token=s3cret";
        long t0 = System.nanoTime();
        try (HeadlessChromium chromium = HeadlessChromium.launch(wav, page);
             DevTools tab = DevTools.connect(chromium.pageDebuggerUrl(page))) {
            waitFor(tab, "document.readyState === 'complete' && typeof start === 'function'", 10);
            tab.evaluate("document.getElementById('start').click()");
            // the fake microphone loops the file from wherever it was when capture began: the first final
            // may hold the end of a cut loop, the following ones whole loops
            List<String> finals = new ArrayList<>();
            boolean partialSeen = false;
            JsonNode state = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!finals.contains(expected) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                state = Replies.JSON.readTree(tab.evaluate(STATE));
                partialSeen |= !state.get("partial").asText().isEmpty();
                finals.clear();
                state.get("finals").forEach(f -> finals.add(f.asText()));
            }
            System.out.printf("browser demo: page showed %s (offline: '%s') %.1f s after the browser started%n", state, expected, (System.nanoTime() - t0) * 1e-9);
            assertEquals("listening at " + MIC_RATE_HZ + " Hz", state.get("status").asText(), "page state " + state + "\n" + chromium.log());
            assertTrue(finals.contains(expected), "finals on the page " + finals + " should include '" + expected + "'");
            assertTrue(partialSeen, "the partial line should show text while a word is heard");
            tab.evaluate("document.getElementById('stop').click()");
            waitFor(tab, "document.getElementById('status').textContent === 'closed (1000)'", 10);
            assertTrue(waitForNoSessions(server), "the page's session should be closed");
        } finally {
            server.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static boolean waitForNoSessions(RecognitionServer server) throws InterruptedException {
        for (int i = 0; i < 50 && server.activeSessions() > 0; i++) Thread.sleep(100);
        return server.activeSessions() == 0;
    }

    private static void waitFor(DevTools tab, String condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!"true".equals(tab.evaluate("String(" + condition + ")"))) {
            if (System.nanoTime() > deadline) throw new AssertionError("page never got to " + condition + "; page state " + tab.evaluate(STATE));
            Thread.sleep(100);
        }
    }
}
