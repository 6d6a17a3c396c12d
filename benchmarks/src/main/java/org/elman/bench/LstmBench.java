package org.elman.bench;

import java.util.Random;
import org.elman.autograd.GradMode;
import org.elman.nn.rnn.Lstm;
import org.elman.nn.rnn.LstmStepper;
import org.elman.nn.rnn.RnnOutput;
import org.elman.nn.rnn.Stacked;
import org.elman.tensor.Tensor;

/**
 * Elman's LSTM layers against PyTorch's on the workloads of the toolkit issue, float32, all
 * cores: a 3-layer BiLSTM (input 80, batch 16, T = 300; hidden 256 and 128 per direction),
 * forward and forward+backward of sum(output); and streaming, a unidirectional LSTM 256 fed 300
 * single steps with carried state. Elman and PyTorch run alternately (medians of 11 or 9 runs
 * each), so that a change of the machine's load hits both alike, with a rest of {@value
 * #SETTLE_MS} ms before every run: a run started right after a PyTorch run was slowed (in one
 * benchmark run our streaming figure was 10.0 ms right after PyTorch's runs, 5.1-5.4 ms after a
 * 300 ms rest). Setting {@code OMP_WAIT_POLICY=PASSIVE} for PyTorch had not removed this, so we
 * do not know which of its threads or caches is the cause. Before timing, a forward of the fused
 * path is checked against the composed reference on a small case.
 */
final class LstmBench {
    private static final int T = 300;
    private static final int N = 16;
    private static final int F = 80;
    /** Rest before every timed run, so that neither side's run overlaps what the other's leaves running. */
    private static final long SETTLE_MS = 250;

    private LstmBench() {}

    static void run() {
        validate();
        for (int hidden : new int[] {256, 128}) bidirectional(hidden);
        streaming();
    }

    private static void bidirectional(int hidden) {
        String name = "bilstm3x" + hidden;
        Stacked ours = Lstm.builder().setInputSize(F).setHiddenSize(hidden).optLayers(3).optBidirectional(true).buildStack();
        Tensor x = Tensor.randn(new Random(1), T, N, F);
        Runnable oursFwd = () -> {
            try (GradMode.Scope s = GradMode.noGrad()) {
                ours.forward(x).output().sum().item();
            }
        };
        Runnable oursFb = () -> {
            ours.zeroGrad();
            ours.forward(x).output().sum().backward();
        };
        try (TorchLstm t = new TorchLstm(3, true, F, hidden, N, T)) {
            report(name + ".forward", interleavedMedianMs(2, 11, oursFwd, t::forward));
            report(name + ".forward_backward", interleavedMedianMs(2, 11, oursFb, t::forwardBackward));
        }
    }

    private static void streaming() {
        int hidden = 256;
        Lstm lstm = Lstm.builder().setInputSize(F).setHiddenSize(hidden).build();
        // each step split over up to 2 threads (measured to halve the step here; more not measured)
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        System.out.printf("# streaming: LstmStepper on %d thread(s); .one_thread: the same on one%n", threads);
        float[] frames = Tensor.randn(new Random(2), T, F).toArray();
        try (LstmStepper split = lstm.stepper(threads); LstmStepper one = lstm.stepper();
             TorchLstm t = new TorchLstm(1, false, F, hidden, 1, T)) {
            double[] ms = interleavedMedianMs(3, 9, streams(split, frames, hidden), () -> t.stream(T));
            ms[0] /= 3; // three streams of 300 steps per timed run, for a steadier figure
            report("lstm256.stream300", ms);
            double[] single = interleavedMedianMs(3, 9, streams(one, frames, hidden), () -> t.stream(T));
            Timer.figure("lstm256.stream300.one_thread.elman", single[0] / 3, "ms");
        }
    }

    /** Three streams of T steps from zero state. */
    private static Runnable streams(LstmStepper stepper, float[] frames, int hidden) {
        float[] h = new float[hidden];
        float[] c = new float[hidden];
        return () -> {
            for (int rep = 0; rep < 3; rep++) {
                java.util.Arrays.fill(h, 0f);
                java.util.Arrays.fill(c, 0f);
                for (int t = 0; t < T; t++) stepper.step(frames, t * F, h, c);
            }
        };
    }

    private static void report(String name, double[] ms) {
        Timer.figure(name + ".elman", ms[0], "ms");
        Timer.figure(name + ".pytorch", ms[1], "ms");
        Timer.ratio(name, ms[1], ms[0]);
    }

    /**
     * Median wall times of {@code ours} and {@code peer} run alternately (ours, peer, ours, ...)
     * after {@code warmup} unmeasured rounds, so that a change in the machine's load affects both
     * alike, each after a rest of {@link #SETTLE_MS}: {@code [ours, peer]} in milliseconds.
     */
    private static double[] interleavedMedianMs(int warmup, int reps, Runnable ours, Runnable peer) {
        for (int i = 0; i < warmup; i++) {
            ours.run();
            peer.run();
        }
        double[] a = new double[reps];
        double[] b = new double[reps];
        for (int i = 0; i < reps; i++) {
            settle();
            long t0 = System.nanoTime();
            ours.run();
            a[i] = (System.nanoTime() - t0) / 1e6;
            settle();
            long t1 = System.nanoTime();
            peer.run();
            b[i] = (System.nanoTime() - t1) / 1e6;
        }
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        return new double[] {a[reps / 2], b[reps / 2]};
    }

    private static void settle() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        }
    }

    /** The fused layer must agree with the composed reference before any timing is printed. */
    private static void validate() {
        Lstm fused = Lstm.builder().setInputSize(8).setHiddenSize(16).optSeed(5).build();
        Lstm reference = Lstm.builder().setInputSize(8).setHiddenSize(16).optSeed(5).optReference(true).build();
        Tensor x = Tensor.randn(new Random(3), 12, 3, 8);
        RnnOutput a = fused.forward(x);
        RnnOutput b = reference.forward(x);
        float[] ya = a.output().toArray();
        float[] yb = b.output().toArray();
        double worst = 0;
        for (int i = 0; i < ya.length; i++) worst = Math.max(worst, Math.abs(ya[i] - yb[i]));
        if (worst > 1e-4) throw new IllegalStateException("fused LSTM disagrees with the reference by " + worst);
        System.out.printf("# fused LSTM matches the reference (max |diff| %.2e)%n", worst);
    }
}
