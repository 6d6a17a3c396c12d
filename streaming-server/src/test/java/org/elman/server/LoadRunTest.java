package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.elman.server.bench.BenchServerReport;
import org.elman.server.bench.LoadAudio;
import org.elman.server.bench.LoadRun;
import org.elman.server.bench.LoadSettings;
import org.elman.server.bench.RealTimeCriterion;
import org.junit.jupiter.api.Test;

/** The load tool against a real server with the tiny test model, on loopback. */
class LoadRunTest {
    /** Loose bounds: these runs check the plumbing, not the speed of a shared test machine. */
    private static final RealTimeCriterion LIVENESS = new RealTimeCriterion(20_000, 20_000);

    private static RecognitionServer server(int maxSessions) {
        return RecognitionServer.builder().setRecognizer(Fixtures.recognizer()).optHost("127.0.0.1").optPort(0)
                .optMaxSessions(maxSessions).optDecodeThreads(2).build();
    }

    private static LoadSettings settings(int port, int rate, double seconds, int frameMs) throws Exception {
        return LoadSettings.builder().setTarget(URI.create("ws://127.0.0.1:" + port + "/bench"))
                .setAudio(LoadAudio.pcm16(Fixtures.YESNO.resolve("down_en_m1.wav"), rate, seconds), rate)
                .optFrameMs(frameMs).optCriterion(LIVENESS).build();
    }

    @Test
    void fiveStreamsOfTwoSecondsPairEveryReplyWithItsFrame() throws Exception {
        RecognitionServer s = server(64);
        try {
            int port = s.start().await(10, TimeUnit.SECONDS);
            BenchServerReport r = LoadRun.run(settings(port, 8000, 2.0, 200), 5);
            System.out.print(r.text());

            assertEquals(5, r.streams());
            assertEquals(0, r.failed(), r.text());
            assertEquals(5, r.realTime(), r.text());
            assertEquals(5 * 10, r.replies().count(), "one reply per 200 ms frame of 2 s: " + r.text());
            assertEquals(5, r.finals().count());
            assertTrue(r.replies().percentile(50) <= r.replies().percentile(95) && r.replies().percentile(99) <= r.replies().max());
            assertTrue(r.wallSeconds() >= 1.8, "real-time pace: 2 s of audio take about 2 s, took " + r.wallSeconds());
            assertTrue(s.metricsText().contains("elman_sessions_total 5\n"), s.metricsText());
        } finally {
            s.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusedAndUnreachableStreamsCountAsFailed() throws Exception {
        RecognitionServer s = server(2);
        int port = s.start().await(10, TimeUnit.SECONDS);
        try {
            BenchServerReport r = LoadRun.run(settings(port, 8000, 1.0, 200), 4);
            assertEquals(2, r.failed(), r.text());
            assertEquals(2, r.realTime(), r.text());
            assertTrue(r.firstErrors().get(0).contains("server busy"), r.text());
        } finally {
            s.close().await(10, TimeUnit.SECONDS);
        }
        BenchServerReport none = LoadRun.run(settings(port, 8000, 0.2, 200), 2);
        assertEquals(2, none.failed(), none.text());
        assertEquals(0, none.realTime());
        assertTrue(none.firstErrors().get(0).startsWith("connect failed"), none.text());
    }
}
