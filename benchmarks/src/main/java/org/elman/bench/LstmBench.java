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
 * single steps with carried state. Before timing, a forward of the fused path is checked against
 * the composed reference on a small case.
 */
final class LstmBench {
    private static final int T = 300;
    private static final int N = 16;
    private static final int F = 80;

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
        double oursFwd = Timer.medianMs(2, 5, () -> {
            try (GradMode.Scope s = GradMode.noGrad()) {
                ours.forward(x).output().sum().item();
            }
        });
        double oursFb = Timer.medianMs(2, 5, () -> {
            ours.zeroGrad();
            ours.forward(x).output().sum().backward();
        });
        double torchFwd;
        double torchFb;
        try (TorchLstm t = new TorchLstm(3, true, F, hidden, N, T)) {
            torchFwd = Timer.medianMs(2, 5, t::forward);
            torchFb = Timer.medianMs(2, 5, t::forwardBackward);
        }
        Timer.figure(name + ".forward.elman", oursFwd, "ms");
        Timer.figure(name + ".forward.pytorch", torchFwd, "ms");
        Timer.ratio(name + ".forward", torchFwd, oursFwd);
        Timer.figure(name + ".forward_backward.elman", oursFb, "ms");
        Timer.figure(name + ".forward_backward.pytorch", torchFb, "ms");
        Timer.ratio(name + ".forward_backward", torchFb, oursFb);
    }

    private static void streaming() {
        int hidden = 256;
        Lstm lstm = Lstm.builder().setInputSize(F).setHiddenSize(hidden).build();
        LstmStepper stepper = lstm.stepper();
        float[] frames = Tensor.randn(new Random(2), T, F).toArray();
        float[] h = new float[hidden];
        float[] c = new float[hidden];
        double ours = Timer.medianMs(20, 21, () -> {
            java.util.Arrays.fill(h, 0f);
            java.util.Arrays.fill(c, 0f);
            for (int t = 0; t < T; t++) stepper.step(frames, t * F, h, c);
        });
        double torch;
        try (TorchLstm t = new TorchLstm(1, false, F, hidden, 1, T)) {
            torch = Timer.medianMs(3, 7, () -> t.stream(T));
        }
        Timer.figure("lstm256.stream300.elman", ours, "ms");
        Timer.figure("lstm256.stream300.pytorch", torch, "ms");
        Timer.ratio("lstm256.stream300", torch, ours);
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
