package org.elman.bench;

import java.util.Random;
import org.elman.ctc.CtcLoss;
import org.elman.ctc.CtcOptions;
import org.elman.ctc.CtcResult;
import org.elman.tensor.Tensor;

/**
 * Elman's CTC loss (forward + backward to the logits, log-softmax fused) against PyTorch's
 * {@code ctc_loss} after {@code log_softmax}, on the workloads of the CTC issue, in the same run.
 * The summed losses of both are compared before any timing is printed.
 */
final class CtcBench {
    private CtcBench() {}

    static void run() throws Exception {
        try (TorchCtc torch = new TorchCtc()) {
            workload(torch, "ctc.t300_n16_v30_l60", 300, 16, 30, 60);
            workload(torch, "ctc.t1000_n32_v31_l200", 1000, 32, 31, 200);
        }
    }

    private static void workload(TorchCtc torch, String name, int t, int n, int v, int l) {
        Random rng = new Random(17);
        float[] logits = new float[t * n * v];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) rng.nextGaussian();
        int[][] targets = new int[n][l];
        int[] inputLengths = new int[n];
        int[] targetLengths = new int[n];
        for (int b = 0; b < n; b++) {
            inputLengths[b] = t;
            targetLengths[b] = l;
            for (int j = 0; j < l; j++) targets[b][j] = 1 + rng.nextInt(v - 1);
        }
        Tensor x = Tensor.of(logits, t, n, v);
        CtcOptions opts = CtcOptions.builder().optReduction(CtcOptions.Reduction.SUM).optInput(CtcOptions.Input.LOGITS).build();
        try (TorchCtc.Batch batch = torch.new Batch(logits, t, n, v, targets, inputLengths, targetLengths)) {
            double ours = CtcLoss.compute(x, inputLengths, targets, targetLengths, opts).loss();
            double theirs = batch.forwardBackward();
            double rel = Math.abs(ours - theirs) / Math.abs(theirs);
            System.out.printf("# %s: summed loss elman %.4f pytorch %.4f (relative difference %.1e)%n", name, ours, theirs, rel);
            if (rel > 1e-4) throw new IllegalStateException(name + ": Elman and PyTorch disagree");
            // enough calls for the JIT to compile the kernel's loops before timing (both sides alike)
            int warmup = Math.max(5, 20_000_000 / (t * n * (2 * l + 1)));
            double oursMs = Timer.medianMs(warmup, 21, () -> {
                CtcResult r = CtcLoss.compute(x, inputLengths, targets, targetLengths, opts);
                if (r.gradient() == null) throw new IllegalStateException("no gradient");
            });
            double torchMs = Timer.medianMs(warmup, 21, batch::forwardBackward);
            Timer.figure(name + ".forward_backward.elman", oursMs, "ms");
            Timer.figure(name + ".forward_backward.pytorch", torchMs, "ms");
            Timer.ratio(name + ".forward_backward", torchMs, oursMs);
        }
    }
}
