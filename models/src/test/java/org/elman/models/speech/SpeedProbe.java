package org.elman.models.speech;

import java.util.Random;
import org.elman.autograd.GradMode;
import org.elman.models.seq2seq.JointBeamSearch;
import org.elman.models.seq2seq.Seq2SeqCtcModel;
import org.elman.ops.Reshape;
import org.elman.optim.Adam;
import org.elman.tensor.Tensor;

/**
 * Not a test: prints CPU timings of the speech models (real-time factor of offline and streamed
 * inference on 10 s of 80-dim features, and one CTC training step), for the numbers in reports.
 * Run: {@code java -cp <test classpath> org.elman.models.speech.SpeedProbe}.
 */
public final class SpeedProbe {
    private SpeedProbe() {
    }

    public static void main(String[] args) {
        Tensor x = Tensor.randn(new Random(1), 1000, 1, 80);   // 10 s at 10 ms
        AcousticModel tdnn = TdnnModel.builder().setInputDim(80).setVocabSize(29).optHiddenDim(512).build();
        AcousticModel uni = BiLstmCtcModel.builder().setInputDim(80).setVocabSize(29).optHiddenDim(320).optLayers(3)
                .optBidirectional(false).optLookahead(2).build();
        AcousticModel bi = BiLstmCtcModel.builder().setInputDim(80).setVocabSize(29).optHiddenDim(320).optLayers(3).build();
        Seq2SeqCtcModel s2s = Seq2SeqCtcModel.builder().setInputDim(80).setVocabSize(29).build();
        for (AcousticModel m : new AcousticModel[] {tdnn, uni, bi, s2s}) {
            m.module().eval();
            String name = m.config().get("architecture") + (m.isStreaming() ? " (streaming)" : "");
            System.out.printf("%-28s params %,d  offline RTF %.4f", name, m.module().parameterCount(), seconds(() -> offline(m, x)) / 10.0);
            if (m.isStreaming()) System.out.printf("  streamed 16-frame chunks RTF %.4f", seconds(() -> streamed(m, x)) / 10.0);
            System.out.println();
        }
        System.out.printf("joint CTC/attention beam 8 on untrained seq2seq (runs to T' tokens): %.2f s for 2 s of audio%n",
                seconds(() -> new JointBeamSearch(s2s, 8, 0.3f).decode(Reshape.narrow(x, 0, 0, 200).reshape(200, 80))));
        Tensor batch = Tensor.randn(new Random(2), 500, 8, 80);
        int[] lens = {500, 480, 460, 440, 420, 400, 380, 360};
        int[][] targets = new int[8][];
        for (int i = 0; i < 8; i++) targets[i] = new Random(i).ints(60, 1, 29).toArray();
        for (AcousticModel m : new AcousticModel[] {tdnn, bi}) {
            CtcTrainer tr = new CtcTrainer(m, Adam.builder().setParams(m.parameters()).setLr(1e-3).build(), 5.0);
            tr.step(batch, lens, targets);
            System.out.printf("%-28s CTC training step, batch 8 x 5 s: %.3f s%n", m.config().get("architecture"),
                    seconds(() -> tr.step(batch, lens, targets)));
        }
    }

    private static void offline(AcousticModel m, Tensor x) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            m.forward(x, null);
        }
    }

    private static void streamed(AcousticModel m, Tensor x) {
        StreamState s = m.newStream(1);
        for (int t = 0; t < x.size(0); t += 16) m.forwardChunk(s, Reshape.narrow(x, 0, t, Math.min(16, x.size(0) - t)));
        m.finishStream(s);
    }

    /** Median of 3 timed runs after one warm-up. */
    private static double seconds(Runnable r) {
        r.run();
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        java.util.Arrays.sort(t);
        return t[1];
    }
}
