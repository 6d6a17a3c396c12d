package org.elman.nn.rnn;

import java.util.Arrays;
import java.util.Random;
import org.elman.autograd.GradMode;
import org.elman.backend.Backends;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Tensor;

/**
 * Speed harness (not a test): a 3-layer BiLSTM and BiGRU (input 80, 256 per direction, batch 16,
 * T=300) forward and forward+backward, and streaming batch-1 LSTM steps (300 steps with carried
 * state, the stepper created inside the timed region). It first checks the fused path
 * against the composed reference on a small case. Run with, from {@code toolkit/}:
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) org.elman.nn.rnn.LstmBenchmark
 * </pre>
 */
public final class LstmBenchmark {
    private LstmBenchmark() {}

    public static void main(String[] args) {
        System.out.println("backend " + Backends.current().name() + ", threads " + Parallel.threads());
        validate();
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        stack("BiLSTM", Lstm.builder().setInputSize(80).setHiddenSize(256).optLayers(3).optBidirectional(true).buildStack(), reps);
        stack("BiGRU", Gru.builder().setInputSize(80).setHiddenSize(256).optLayers(3).optBidirectional(true).buildStack(), reps);
        streaming(reps);
    }

    private static void stack(String what, Stacked net, int reps) {
        Tensor x = Tensor.uniform(new Random(1), -1f, 1f, 300, 16, 80);
        Tensor w = Tensor.uniform(new Random(2), -1f, 1f, 300, 16, 512);
        double[] fwd = new double[reps];
        double[] both = new double[reps];
        double[] fwdCpu = new double[reps];
        double[] bothCpu = new double[reps];
        for (int r = -2; r < reps; r++) {
            long c0 = processCpu();
            long t0 = System.nanoTime();
            try (GradMode.Scope s = GradMode.noGrad()) {
                net.forward(x);
            }
            long t1 = System.nanoTime();
            long c1 = processCpu();
            net.zeroGrad();
            net.forward(x).output().mul(w).sum().backward();
            long t2 = System.nanoTime();
            long c2 = processCpu();
            if (r >= 0) {
                fwd[r] = (t1 - t0) / 1e6;
                both[r] = (t2 - t1) / 1e6;
                fwdCpu[r] = (c1 - c0) / 1e6;
                bothCpu[r] = (c2 - c1) / 1e6;
            }
        }
        System.out.printf("%s 3x256, N=16, T=300: forward (no grad) wall median %.1f / min %.1f ms, process CPU median %.1f ms%n",
                what, median(fwd), min(fwd), median(fwdCpu));
        System.out.printf("%s 3x256, N=16, T=300: forward+backward wall median %.1f / min %.1f ms, process CPU median %.1f ms%n",
                what, median(both), min(both), median(bothCpu));
    }

    private static void streaming(int reps) {
        Lstm lstm = Lstm.builder().setInputSize(80).setHiddenSize(256).build();
        float[] frames = Tensor.uniform(new Random(3), -1f, 1f, 300, 80).toArray();
        double[] stepper = new double[reps];
        double[] layer = new double[reps];
        for (int r = -3; r < reps; r++) {
            long t0 = System.nanoTime();
            try (LstmStepper run = lstm.stepper()) {
                float[] h = new float[256];
                float[] c = new float[256];
                for (int t = 0; t < 300; t++) run.step(frames, t * 80, h, c);
            }
            long t1 = System.nanoTime();
            try (GradMode.Scope s = GradMode.noGrad()) {
                RnnState st = null;
                for (int t = 0; t < 300; t++) {
                    st = lstm.forward(Tensor.wrap(frames, t * 80, 1, 1, 80), null, st).state();
                }
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                stepper[r] = (t1 - t0) / 1e6;
                layer[r] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf("LSTM 80->256, batch 1, 300 single steps: LstmStepper wall median %.2f / min %.2f ms%n", median(stepper), min(stepper));
        System.out.printf("LSTM 80->256, batch 1, 300 single steps: Lstm.forward(T=1) wall median %.2f / min %.2f ms%n", median(layer), min(layer));
    }

    /** Fused against reference on a small case before timing anything. */
    private static void validate() {
        Lstm a = Lstm.builder().setInputSize(6).setHiddenSize(8).optSeed(5).build();
        Lstm b = Lstm.builder().setInputSize(6).setHiddenSize(8).optSeed(5).optReference(true).build();
        Tensor x = Tensor.uniform(new Random(4), -1f, 1f, 9, 3, 6);
        int[] lens = {9, 4, 6};
        float[] ya = a.forward(x, lens, null).output().toArray();
        float[] yb = b.forward(x, lens, null).output().toArray();
        double err = 0;
        for (int i = 0; i < ya.length; i++) err = Math.max(err, Math.abs(ya[i] - yb[i]));
        if (err > 1e-5) throw new IllegalStateException("fused LSTM disagrees with the reference: " + err);
        System.out.println("validated fused vs reference: max abs diff " + err);
    }

    /** CPU time of the whole process (all threads), in ns. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
