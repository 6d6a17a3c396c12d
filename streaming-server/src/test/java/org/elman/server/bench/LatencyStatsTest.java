package org.elman.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void nearestRankPercentilesOfOneToHundred() {
        LatencyStats l = new LatencyStats();
        for (int i = 100; i >= 1; i--) l.add(i);   // unsorted input
        assertEquals(100, l.count());
        assertEquals(50, l.percentile(50));
        assertEquals(95, l.percentile(95));
        assertEquals(99, l.percentile(99));
        assertEquals(1, l.percentile(0.5));
        assertEquals(100, l.max());
        assertEquals(50.5, l.mean(), 1e-12);
    }

    @Test
    void smallSamplesAndMerging() {
        LatencyStats a = new LatencyStats();
        a.add(7.5);
        assertEquals(7.5, a.percentile(50));
        assertEquals(7.5, a.percentile(99));
        LatencyStats b = new LatencyStats();
        for (double v : new double[] {3, 1, 4, 1, 5, 9, 2, 6, 5}) b.add(v);
        a.merge(b);   // 1 1 2 3 4 5 5 6 7.5 9
        assertEquals(10, a.count());
        assertEquals(4, a.percentile(50));     // rank ceil(5) = 5
        assertEquals(9, a.percentile(95));     // rank ceil(9.5) = 10
        assertEquals(1, a.percentile(10));     // rank 1
        assertEquals(9, a.max());
        a.add(0.5);   // adding after a query re-sorts
        assertEquals(0.5, a.percentile(1));
        assertTrue(Double.isNaN(new LatencyStats().percentile(50)));
        assertTrue(Double.isNaN(new LatencyStats().max()));
    }

    @Test
    void matchesASortedReferenceOnRandomData() {
        Random rng = new Random(3);
        LatencyStats l = new LatencyStats();
        List<Double> ref = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            double v = Math.abs(rng.nextGaussian() * 40);
            l.add(v);
            ref.add(v);
        }
        ref.sort(null);
        for (double p : new double[] {1, 25, 50, 90, 95, 99, 99.9, 100}) {
            assertEquals(ref.get((int) Math.ceil(p / 100 * ref.size()) - 1), l.percentile(p), "p" + p);
        }
    }

    @Test
    void rejectsBadValues() {
        LatencyStats l = new LatencyStats();
        assertThrows(IllegalArgumentException.class, () -> l.add(-1));
        assertThrows(IllegalArgumentException.class, () -> l.add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> l.add(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> l.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> l.percentile(101));
    }

    private static LatencyStats of(double... v) {
        LatencyStats l = new LatencyStats();
        for (double x : v) l.add(x);
        return l;
    }

    @Test
    void realTimeCriterion() {
        RealTimeCriterion c = new RealTimeCriterion(300, 800, 100);
        assertTrue(c.heldBy(new StreamOutcome(3, of(10, 20, 300), 800, null)));
        assertFalse(c.heldBy(new StreamOutcome(3, of(10, 20, 301), 100, null)), "one late reply");
        assertFalse(c.heldBy(new StreamOutcome(3, of(10, 20, 30), 801, null)), "late final result");
        assertFalse(c.heldBy(new StreamOutcome(3, of(10, 20, 30), Double.NaN, null)), "no final result");
        assertFalse(c.heldBy(new StreamOutcome(3, of(10, 20), 100, null)), "a reply missing");
        assertFalse(c.heldBy(new StreamOutcome(3, of(10, 20, 30), 100, "error reply")), "error");
        assertFalse(c.heldBy(new StreamOutcome(0, of(), 100, null)), "no audio");
        assertThrows(IllegalArgumentException.class, () -> new RealTimeCriterion(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new RealTimeCriterion(100, 100, 0));
        double[] twenty = new double[20];
        java.util.Arrays.fill(twenty, 50);
        twenty[7] = 900;   // one late reply in 20: the 95th percentile (rank 19 of 20) forgives it
        assertTrue(new RealTimeCriterion(300, 800).heldBy(new StreamOutcome(20, of(twenty), 100, null)));
        assertFalse(c.heldBy(new StreamOutcome(20, of(twenty), 100, null)), "the maximum does not");
        twenty[3] = 900;   // two late replies: rank 19 of 20 is late
        assertFalse(new RealTimeCriterion(300, 800).heldBy(new StreamOutcome(20, of(twenty), 100, null)));
        assertEquals("real time = p95 of each stream's audio replies within 300 ms of sending, the final result within 800 ms of eof, no error",
                new RealTimeCriterion(300, 800).describe());
        assertTrue(c.describe().startsWith("real time = every audio reply within 300 ms"), c.describe());
        assertThrows(IllegalArgumentException.class, () -> new RealTimeCriterion(100, Double.NaN));
    }

    private static LoadSettings settings() {
        return LoadSettings.builder().setTarget(URI.create("ws://127.0.0.1:1/")).setAudio(new byte[3200], 8000).build();
    }

    private static BenchServerReport level(int n, int realTime) {
        return new BenchServerReport(n, realTime, 0, of(1), of(1), List.of(), settings(), 1);
    }

    @Test
    void rampStepsUpThenBisects() {
        List<Integer> tried = new ArrayList<>();
        BenchServerReport.Ramp r = LoadRun.ramp(n -> {
            tried.add(n);
            return level(n, n <= 37 ? n : n - 1);
        }, 10, 10, 1000);
        assertEquals(List.of(10, 20, 30, 40, 35, 37, 38), tried);   // resolution 10 / 4 = 2, then 1 apart
        assertEquals(37, r.maxRealTimeStreams());
        assertTrue(r.text().contains("maximum concurrent real-time streams: 37"), r.text());
        assertEquals(0, LoadRun.ramp(n -> level(n, 0), 5, 5, 50).maxRealTimeStreams(), "first level fails");
        assertEquals(50, LoadRun.ramp(n -> level(n, n), 10, 20, 60).maxRealTimeStreams(), "never fails: the last level");
        assertThrows(IllegalArgumentException.class, () -> LoadRun.ramp(n -> level(n, n), 0, 1, 5));
    }

    @Test
    void settingsValidateAndDeriveFrames() throws Exception {
        LoadSettings s = LoadSettings.builder().setTarget(URI.create("ws://h:2700/x?token=t")).setAudio(new byte[32000], 16000)
                .optFrameMs(100).build();
        assertEquals(3200, s.frameBytes());
        assertEquals(1.0, s.audioSeconds(), 1e-12);
        assertEquals(25.0, s.staggerMs(4), 1e-12);
        assertEquals(7.0, LoadSettings.builder().setTarget(URI.create("ws://h/")).setAudio(new byte[2], 8000).optStaggerMs(7).build().staggerMs(4));
        assertEquals("/x?token=t", LoadClient.options(s.target(), null).getURI());
        assertEquals(2700, LoadClient.options(s.target(), null).getPort());
        assertEquals(443, LoadClient.options(URI.create("wss://h/"), "k").getPort());
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.builder().setTarget(URI.create("http://h/")).setAudio(new byte[2], 8000).build());
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.builder().setTarget(URI.create("ws://h/")).setAudio(new byte[3], 8000).build());
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.builder().setTarget(URI.create("ws://h/")).setAudio(new byte[2], 8000).optFrameMs(5).build());
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.builder().setAudio(new byte[2], 8000).build());
        assertTrue(LoadClient.isError("{ \"error\" : \"busy\"}"));
        assertTrue(LoadClient.isError("{\"error\":\"x\"}"));
        assertFalse(LoadClient.isError("{\"partial\" : \"\\\"error\\\"\"}"));
        assertEquals(List.of(1f, 2f, 3f, 1f, 2f), toList(LoadAudio.loop(new float[] {1, 2, 3}, 5)));
        assertEquals(List.of(1f, 2f), toList(LoadAudio.loop(new float[] {1, 2, 3}, 2)));
    }

    private static List<Float> toList(float[] x) {
        List<Float> l = new ArrayList<>();
        for (float v : x) l.add(v);
        return l;
    }
}
