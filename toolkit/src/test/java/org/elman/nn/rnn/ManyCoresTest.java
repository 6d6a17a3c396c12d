package org.elman.nn.rnn;

import static org.elman.nn.rnn.LstmTestSupport.assertClose;
import static org.elman.nn.rnn.LstmTestSupport.assertSameGrads;
import static org.elman.nn.rnn.LstmTestSupport.flatAll;
import static org.elman.nn.rnn.LstmTestSupport.input;
import static org.elman.nn.rnn.LstmTestSupport.leaf;
import static org.elman.nn.rnn.LstmTestSupport.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.elman.autograd.GradMode;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The code paths of a machine with more cores than the two of CI: a JVM started with {@code
 * -Delman.threads=4} (the pool size is fixed at start) checks how {@link Parallel} shares cores
 * between nested splits, and that bidirectional LSTM, GRU and peephole LSTM stacks, whose directions then run
 * their step loops on two parts of the batch each and fork their products into the pool, match
 * the composed reference in outputs and every gradient.
 */
class ManyCoresTest {
    @Test
    void fourThreadsShareCoresAndTheFusedStackMatchesTheReference() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xmx1g", "-Delman.threads=4", "-cp", System.getProperty("java.class.path"),
                ManyCoresTest.class.getName()).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the 4-thread check did not finish");
        assertEquals(0, p.exitValue(), () -> "the 4-thread check failed:\n" + out);
        assertTrue(out.contains("many-cores check passed"), out);
    }

    /**
     * Run in the child JVM (any {@code -Delman.threads} of at least 2, e.g. to stress the parallel
     * paths by hand); any failed assertion exits non-zero with its message.
     */
    public static void main(String[] args) {
        assertTrue(Parallel.threads() >= 2, "needs -Delman.threads=2 or more");
        checkCoreSharing();
        for (String kind : new String[] {"lstm", "gru", "peephole"}) checkBidirectionalStack(kind);
        System.out.println("many-cores check passed");
    }

    private static void checkCoreSharing() {
        int threads = Parallel.threads();
        assertEquals(threads, Parallel.cores());
        int[] seen = new int[2];
        long[] sums = new long[2];
        Parallel.all(() -> nested(seen, sums, 0), () -> nested(seen, sums, 1));
        assertEquals(threads / 2, seen[0], "cores inside one of two tasks");
        assertEquals(threads / 2, seen[1], "cores inside one of two tasks");
        long n = 100_000;
        assertEquals(n * (n - 1) / 2, sums[0], "nested range, task 0");
        assertEquals(n * (n - 1) / 2, sums[1], "nested range, task 1");
        assertEquals(threads, Parallel.cores(), "cores restored after the split");
    }

    /** Records the cores of task {@code k} and sums [0, 100000) with a range nested inside it, whose chunks get one core each. */
    private static void nested(int[] seen, long[] sums, int k) {
        seen[k] = Parallel.cores();
        AtomicLong total = new AtomicLong();
        Parallel.range(100_000, 1, (lo, hi) -> {
            assertEquals(1, Parallel.cores(), "cores inside a chunk of a nested range");
            long s = 0;
            for (int i = lo; i < hi; i++) s += i;
            total.addAndGet(s);
        });
        sums[k] = total.get();
    }

    /** A 2-layer bidirectional LSTM, GRU or peephole LSTM stack, fused against the composed reference. */
    private static void checkBidirectionalStack(String kind) {
        Stacked fused = stack(kind, false);
        Stacked ref = stack(kind, true);
        int t = 20;
        int n = 6;
        int gates = kind.equals("gru") ? 3 : 4;
        int parts = Math.min(n, Parallel.threads() / 2);
        assertEquals(parts, runInOneOfTwoTasks(() -> BatchParts.count(t, n, gates, 80)), "parts per direction");
        Tensor x = input(3, t, n, 8);
        Tensor xr = leaf(x);
        int[] lens = {20, 7, 20, 1, 13, 20};
        RnnOutput of = fused.forward(x, lens, null);
        RnnOutput or = ref.forward(xr, lens, null);
        assertClose(flatAll(or), flatAll(of), 1e-5, "outputs and final state");
        loss(of, 4).backward();
        loss(or, 4).backward();
        assertSameGrads(ref, fused, 1e-5);
        assertClose(xr.grad(), x.grad(), 1e-5, "input gradient");
        try (GradMode.Scope s = GradMode.noGrad()) {
            assertClose(flatAll(or).detach(), flatAll(fused.forward(x, lens, null)), 1e-5, "inference");
        }
    }

    private static Stacked stack(String kind, boolean reference) {
        if (kind.equals("gru")) {
            return Gru.builder().setInputSize(8).setHiddenSize(80).optLayers(2).optBidirectional(true)
                    .optReference(reference).optSeed(5).buildStack();
        }
        return Lstm.builder().setInputSize(8).setHiddenSize(80).optLayers(2).optBidirectional(true)
                .optPeepholes(kind.equals("peephole")).optReference(reference).optSeed(5).buildStack();
    }

    private static int runInOneOfTwoTasks(java.util.function.IntSupplier body) {
        int[] got = new int[2];
        Parallel.all(() -> got[0] = body.getAsInt(), () -> got[1] = body.getAsInt());
        assertEquals(got[0], got[1]);
        return got[0];
    }
}
