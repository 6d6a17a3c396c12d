package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 10,000 WebSocket sessions opened and dropped in concurrent rounds, mixing polite closes, closes
 * in the middle of a stream, and TCP connections dropped mid-stream without a close frame (FIN, and
 * RST via SO_LINGER 0). Afterwards no session or decoder state is left and the heap has not grown.
 */
class ConnectionChurnTest {
    private static final int CYCLES = 10_000;
    private static final int ROUND = 500;
    private static final long MAX_HEAP_GROWTH = 16L << 20;

    @Test
    void tenThousandCyclesLeaveNoSessionAndNoHeapGrowth() throws Exception {
        Vertx vertx = Vertx.vertx();
        RecognitionServer s = RecognitionServer.builder().setRecognizer(Fixtures.recognizer()).optHost("127.0.0.1").optPort(0)
                .optVertx(vertx).optDecodeThreads(2).optMaxSessions(ROUND).optDefaultSampleRate(16000).build();   // no resampling: cheap decodes
        try {
            int port = s.start().await(10, TimeUnit.SECONDS);
            Churn churn = new Churn(vertx, port, Pcm16.fromFloats(Fixtures.asModelHears(Fixtures.pcm8k("no_en_m1.wav")).samples()));
            churn.rounds(2 * ROUND, 2);   // warm-up: JIT, pools, first-use allocations
            assertEquals(0, settled(s), "sessions left after the warm-up");
            long before = usedHeapAfterGc();
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            churn.rounds(CYCLES - 2 * ROUND, CYCLES / ROUND - 2);
            System.out.printf("%d cycles in %.1f s (%.1f s of process CPU time)%n", CYCLES - 2 * ROUND, (System.nanoTime() - t0) * 1e-9,
                    (processCpuNanos() - cpu0) * 1e-9);
            assertEquals(0, settled(s), "sessions left after " + CYCLES + " cycles");
            assertEquals(0, s.openDecoders(), "decoder state left behind");
            long growth = usedHeapAfterGc() - before;
            System.out.printf("%d connect/disconnect cycles: heap after GC grew by %.1f MB%n", CYCLES, growth / 1048576.0);
            assertTrue(growth < MAX_HEAP_GROWTH, "heap grew by " + growth + " bytes");
            assertTrue(s.metricsText().contains("elman_sessions_total " + CYCLES + "\n"), s.metricsText());
            assertTrue(s.metricsText().contains("elman_sessions_refused_total 0\n"), s.metricsText());
        } finally {
            s.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Closing the server while sessions have decodes queued closes every client and lets no exception escape. */
    @Test
    void closingTheServerWithQueuedAudioRaisesNothing() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<Throwable> unhandled = java.util.Collections.synchronizedList(new ArrayList<>());
        vertx.exceptionHandler(unhandled::add);
        RecognitionServer s = RecognitionServer.builder().setRecognizer(Fixtures.recognizer()).optHost("127.0.0.1").optPort(0)
                .optVertx(vertx).optDecodeThreads(1).build();
        try {
            int port = s.start().await(10, TimeUnit.SECONDS);
            WebSocketClient ws = TestClient.client(vertx);
            byte[] second = java.util.Arrays.copyOf(Fixtures.pcm8k("down_en_m1.wav"), 16000);
            List<Future<Void>> closed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                io.vertx.core.http.WebSocket c = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/"))
                        .await(30, TimeUnit.SECONDS);   // generous: a cold JVM on a busy machine
                Promise<Void> p = Promise.promise();
                c.closeHandler(v -> p.tryComplete());
                closed.add(p.future());
                for (int k = 0; k < 4; k++) c.writeBinaryMessage(Buffer.buffer(second));   // a backlog of decodes
            }
            s.close().await(30, TimeUnit.SECONDS);
            Future.all(closed).await(30, TimeUnit.SECONDS);   // every client was closed
            Thread.sleep(200);
            assertEquals(List.of(), unhandled, "exceptions escaped on the event loops");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Active sessions after their close handlers ran (waits up to 10 s). */
    private static int settled(RecognitionServer s) throws InterruptedException {
        for (int i = 0; i < 200 && (s.activeSessions() != 0 || s.openDecoders() != 0); i++) Thread.sleep(50);
        return s.activeSessions();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The four ways a client leaves, in rotation. */
    private static final class Churn {
        private final WebSocketClient ws;
        private final NetClient fin;
        private final NetClient rst;
        private final int port;
        private final byte[] audio;

        Churn(Vertx vertx, int port, byte[] pcm) {
            this.ws = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setMaxConnections(ROUND));
            this.fin = vertx.createNetClient();
            this.rst = vertx.createNetClient(new NetClientOptions().setSoLinger(0));
            this.port = port;
            this.audio = java.util.Arrays.copyOf(pcm, 6400);   // 200 ms at 16 kHz
        }

        /** {@code rounds} rounds of {@code total / rounds} concurrent cycles each. */
        void rounds(int total, int rounds) {
            for (int r = 0; r < rounds; r++) {
                List<Future<?>> cycles = new ArrayList<>();
                for (int i = 0; i < total / rounds; i++) cycles.add(cycle(i % 4));
                try {
                    Future.join(cycles).await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // counted below
                }
                for (Future<?> f : cycles) {
                    if (!f.succeeded()) throw new AssertionError("a client cycle did not complete: " + f.cause(), f.cause());
                }
            }
        }

        private Future<?> cycle(int kind) {
            WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/");
            return switch (kind) {
                case 0 -> ws.connect(o).compose(w -> w.close());
                case 1 -> ws.connect(o).compose(w -> w.writeBinaryMessage(Buffer.buffer(audio)).compose(v -> w.close()));
                case 2 -> dropMidStream(fin);
                default -> dropMidStream(rst);
            };
        }

        /** Raw TCP: handshake, one audio message, then the socket is closed without a WebSocket close frame. */
        private Future<?> dropMidStream(NetClient net) {
            return net.connect(port, "127.0.0.1").compose(sock -> handshake(sock)
                    .compose(v -> sock.write(maskedBinaryFrame(audio)))
                    .eventually(() -> sock.close()));
        }

        private static Future<Void> handshake(NetSocket sock) {
            Promise<Void> upgraded = Promise.promise();
            Buffer got = Buffer.buffer();
            sock.handler(b -> {
                got.appendBuffer(b);
                if (got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    sock.handler(x -> { });
                    if (got.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101")) upgraded.tryComplete();
                    else upgraded.tryFail("handshake refused: " + got);
                }
            });
            String key = Base64.getEncoder().encodeToString(new byte[16]);
            sock.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
            return upgraded.future();
        }

        /** A client-to-server binary frame (RFC 6455: masked, 16-bit length for payloads up to 64 KiB). */
        static Buffer maskedBinaryFrame(byte[] payload) {
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            Buffer b = Buffer.buffer().appendByte((byte) 0x82);
            if (payload.length < 126) b.appendByte((byte) (0x80 | payload.length));
            else b.appendByte((byte) (0x80 | 126)).appendShort((short) payload.length);
            b.appendBytes(mask);
            byte[] masked = new byte[payload.length];
            for (int i = 0; i < masked.length; i++) masked[i] = (byte) (payload[i] ^ mask[i & 3]);
            return b.appendBytes(masked);
        }
    }
}
