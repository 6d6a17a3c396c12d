package org.elman.ctc.bench;

import java.util.Arrays;
import org.elman.backend.cpu.Parallel;
import org.elman.ctc.CtcLoss;
import org.elman.ctc.CtcOptions;
import org.elman.ctc.CtcResult;
import org.elman.ctc.CtcWorkspace;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.BeamStream;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.TokenTable;
import org.elman.ctc.lm.ArpaLm;
import org.elman.tensor.Tensor;

/**
 * Speed of the CTC loss (forward + backward) and of prefix beam search with a 3-gram LM. Not a
 * test; run from the repository root after {@code mvn -o -q -pl ctc -am test-compile}:
 * <pre>
 * java -cp ctc/target/classes:ctc/target/test-classes:toolkit/target/classes:$(cat ctc/target/cp.txt) \
 *     org.elman.ctc.bench.CtcBench [loss|beam]
 * </pre>
 * Each workload is validated before it is timed; the median of the timed runs is printed as
 * {@code NAME = VALUE UNIT}, and the best run as {@code NAME_min} / {@code NAME_max} (on a shared
 * machine the best run is the better estimate of the code's own cost). {@code NAME_cpu} is the
 * calling thread's CPU time (for the loss only meaningful with {@code -Delman.threads=1}), which
 * time spent waiting for a core does not inflate.
 */
public final class CtcBench {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private CtcBench() {}

    public static void main(String[] args) {
        String only = args.length > 0 ? args[0] : "";
        System.out.println("# threads = " + Parallel.threads());
        if (!only.equals("beam")) {
            loss("ctc_loss_fwd_bwd_T300_N16_V30_L60", 300, 16, 30, 60, 30);
            loss("ctc_loss_fwd_bwd_T1000_N32_V31_L200", 1000, 32, 31, 200, 8);
        }
        if (!only.equals("loss")) beam("beam_search_beam16_3gram_T1000", 1000, 16, 5);
    }

    private static void loss(String name, int frames, int batch, int vocab, int targetLen, int runs) {
        CtcWorkloads.LossBatch b = CtcWorkloads.lossBatch(frames, batch, vocab, targetLen, 1);
        CtcOptions opts = CtcOptions.builder().optReduction(CtcOptions.Reduction.MEAN).build();
        CtcWorkspace ws = new CtcWorkspace();
        validateLoss(CtcLoss.compute(b.logits(), b.inputLengths(), b.targets(), b.targetLengths(), opts, ws), frames, batch, vocab);
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs + 3; i++) {
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            CtcLoss.compute(b.logits(), b.inputLengths(), b.targets(), b.targetLengths(), opts, ws);
            if (i >= 3) {
                ms[i - 3] = (System.nanoTime() - t0) / 1e6;
                cpu[i - 3] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }
        System.out.printf("%s = %.2f ms%n", name, median(ms));
        System.out.printf("%s_min = %.2f ms%n", name, Arrays.stream(ms).min().orElse(0));
        if (Parallel.threads() == 1) System.out.printf("%s_cpu = %.2f ms%n", name, median(cpu));
    }

    /** Finite losses, and per frame the fused gradient sums to zero (softmax and occupancy both sum to 1). */
    private static void validateLoss(CtcResult r, int frames, int batch, int vocab) {
        for (float l : r.losses()) if (!Float.isFinite(l) || l <= 0) throw new IllegalStateException("bad loss " + l);
        float[] g = r.gradient().data();
        for (int row = 0; row < frames * batch; row++) {
            double s = 0;
            for (int v = 0; v < vocab; v++) s += g[row * vocab + v];
            if (Math.abs(s) > 1e-4) throw new IllegalStateException("gradient row " + row + " sums to " + s);
        }
    }

    private static void beam(String name, int frames, int width, int runs) {
        TokenTable tokens = CtcWorkloads.characterTokens();
        ArpaLm lm = CtcWorkloads.trigramLm(3);
        Tensor x = CtcWorkloads.decodingFrames(tokens, frames, 4);
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(width)
                .optWordLm(lm, 0.5, 1.0).build();
        String text = d.decode(FrameSource.of(x)).get(0).text();
        if (text.split(" ").length < 20) throw new IllegalStateException("decoding produced too little text: " + text);
        double[] fps = new double[runs];
        double[] cpuFps = new double[runs];
        for (int i = 0; i < runs + 2; i++) {
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            BeamStream s = d.newStream();
            d.accept(s, FrameSource.of(x));
            d.result(s);
            if (i >= 2) {
                fps[i - 2] = frames / ((System.nanoTime() - t0) / 1e9);
                cpuFps[i - 2] = frames / ((CPU.getCurrentThreadCpuTime() - c0) / 1e9);
            }
        }
        System.out.printf("%s = %.0f frames/s%n", name, median(fps));
        System.out.printf("%s_cpu = %.0f frames/s%n", name, median(cpuFps));
        System.out.printf("%s_max = %.0f frames/s%n", name, Arrays.stream(fps).max().orElse(0));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
