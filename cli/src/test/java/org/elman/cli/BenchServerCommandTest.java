package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.elman.audio.feature.FrontendConfig;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;
import org.elman.server.RecognitionServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elman bench-server} against its own in-process server with a tiny untrained streaming TDNN. */
class BenchServerCommandTest {
    @TempDir
    static Path tmp;
    private static Path model;
    private static final String WAV = YesNoModel.audio("no_en_m1").toString();
    /** Loose bounds: the tests check the plumbing, not the speed of a shared machine. */
    private static final String[] LOOSE = {"--max-lag-ms", "20000", "--max-final-ms", "20000", "--warmup", "0"};

    @BeforeAll
    static void saveModel() throws Exception {
        CharTokenizer tok = new CharTokenizer("denopsuwy");
        TdnnModel m = TdnnModel.builder().setInputDim(20).setVocabSize(tok.size()).optHiddenDim(8).optSeed(2).build();
        Recognizer r = Recognizer.builder().setModel(m).setTokenizer(tok).optFrontend(FrontendConfig.builder().optNumMelBins(20).build())
                .optUtteranceCmvn(false).build();
        model = tmp.resolve("stream.safetensors");
        ModelFiles.save(model, r);
    }

    private static Cli bench(String... args) {
        String[] all = new String[args.length + LOOSE.length + 5];
        String[] head = {"bench-server", "--model", model.toString(), "--audio", WAV};
        System.arraycopy(head, 0, all, 0, 5);
        System.arraycopy(args, 0, all, 5, args.length);
        System.arraycopy(LOOSE, 0, all, 5 + args.length, LOOSE.length);
        return Cli.run(all);
    }

    @Test
    void twoStreamsAreReported() {
        Cli r = bench("--streams", "2", "--seconds", "1", "--rate", "16000");
        assertEquals(Elman.EXIT_OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("streams: 2, kept real time: 2, failed: 0 (1.0 s of 16000 Hz audio each, 200 ms frames"), r.out());
        assertTrue(r.out().contains("reply latency (ms, 10 samples): p50 "), r.out());
        assertTrue(r.out().contains("final latency (ms, 2 samples): p50 "), r.out());
        assertTrue(r.out().contains("server real-time factor"), r.out());
    }

    @Test
    void rampReportsTheLargestRealTimeLevel() {
        Cli r = bench("--streams", "1", "--ramp", "--ramp-max", "2", "--seconds", "0.4", "--frame-ms", "100");
        assertEquals(Elman.EXIT_OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("   1 streams:    1 real time") && r.out().contains("   2 streams:    2 real time"), r.out());
        assertTrue(r.out().contains("maximum concurrent real-time streams: 2"), r.out());
    }

    @Test
    void urlOfARunningServer() throws Exception {
        RecognitionServer server = RecognitionServer.builder().setRecognizer(ModelFiles.load(model).recognizer())
                .optHost("127.0.0.1").optPort(0).build();
        int port = server.start().await(10, TimeUnit.SECONDS);
        try {
            String[] args = {"bench-server", "--url", "ws://127.0.0.1:" + port + "/", "--audio", WAV, "--streams", "2", "--seconds", "0.6"};
            String[] all = java.util.Arrays.copyOf(args, args.length + LOOSE.length);
            System.arraycopy(LOOSE, 0, all, args.length, LOOSE.length);
            java.io.StringWriter out = new java.io.StringWriter();
            picocli.CommandLine cl = Elman.commandLine();
            cl.setOut(new java.io.PrintWriter(new java.io.BufferedWriter(out), true));   // buffered like standard output
            assertEquals(Elman.EXIT_OK, cl.execute(all));
            Cli r = new Cli(Elman.EXIT_OK, out.toString(), "");   // read without flushing: the command must flush its report
            assertTrue(r.out().startsWith("bench-server: ws://127.0.0.1:" + port + "/, real time = p95"), r.out());
            assertTrue(r.out().contains("streams: 2, kept real time: 2, failed: 0 (0.6 s of 8000 Hz audio each"), r.out());
            assertFalse(r.out().contains("server real-time factor"), "no server metrics for a remote server: " + r.out());
        } finally {
            server.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badSettingsAreUsageErrors() {
        assertEquals(Elman.EXIT_USAGE, Cli.run("bench-server", "--model", "m", "--url", "ws://h/", "--audio", WAV).exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("bench-server", "--url", "http://h/", "--audio", WAV).exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("bench-server", "--url", "ws://h/", "--audio", WAV, "--streams", "0").exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("bench-server", "--url", "ws://h/").exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("bench-server", "--url", "ws://h/", "--audio", WAV, "--frame-ms", "1").exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("bench-server", "--url", "ws://h/", "--audio", WAV, "--warmup", "-1").exitCode());
        Cli lm = Cli.run("bench-server", "--url", "ws://h/", "--audio", WAV, "--lm", "words.arpa");
        assertEquals(Elman.EXIT_USAGE, lm.exitCode());
        assertTrue(lm.err().contains("apply to the in-process server only"), lm.err());
        Cli batch = Cli.run("bench-server", "--url", "ws://h/", "--audio", WAV, "--max-batch", "0");
        assertEquals(Elman.EXIT_USAGE, batch.exitCode());
        assertTrue(batch.err().contains("--max-batch must be >= 1, got 0"), batch.err());
        Cli missing = Cli.run("bench-server", "--url", "ws://h/", "--audio", tmp.resolve("none.wav").toString());
        assertEquals(Elman.EXIT_FAILURE, missing.exitCode());
        assertTrue(missing.err().contains("none.wav"), missing.err());
    }
}
