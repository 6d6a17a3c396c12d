package org.elman.models.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.elman.autograd.GradMode;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;

/** Shared check: chunked streaming output equals offline output. */
final class StreamingCheck {
    private StreamingCheck() {
    }

    /** Feeds x in chunks of {@code chunkSize.applyAsInt(i)} frames and compares with offline forward. */
    static void assertChunkedEqualsOffline(AcousticModel m, Tensor x, IntUnaryOperator chunkSize) {
        Tensor offline;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            offline = m.forward(x, null).logProbs();
        }
        StreamState s = m.newStream(x.size(1));
        Tensor got = Tensor.zeros(0, x.size(1), m.vocabSize());
        int t = 0;
        for (int i = 0; t < x.size(0); i++) {
            int len = Math.min(chunkSize.applyAsInt(i), x.size(0) - t);
            got = Frames.concatTime(got, m.forwardChunk(s, Reshape.narrow(x, 0, t, len)));
            t += len;
        }
        got = Frames.concatTime(got, m.finishStream(s));
        assertArrayEquals(offline.shape(), got.shape(), "streamed output shape");
        float[] a = offline.toArray();
        float[] b = got.toArray();
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4f, "frame value " + i);
    }

    /**
     * Steps all sequences together through {@link AcousticModel#forwardChunks}, each with its own
     * random chunk sizes in [0, 37] (zero-length chunks included), finishing each stream when its
     * input ends, and compares each stream's output with the offline output of its own sequence.
     */
    static void assertBatchedStepsEqualOffline(AcousticModel m, List<Tensor> xs, long seed) {
        Random r = new Random(seed);
        int k = xs.size();
        List<StreamState> states = new ArrayList<>();
        Tensor[] got = new Tensor[k];
        int[] pos = new int[k];
        for (Tensor x : xs) states.add(m.newStream(x.size(1)));
        for (boolean busy = true; busy; ) {
            busy = false;
            List<StreamState> stepStates = new ArrayList<>();
            List<Tensor> stepChunks = new ArrayList<>();
            List<Integer> who = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (pos[j] >= xs.get(j).size(0)) continue;
                int len = Math.min(r.nextInt(38), xs.get(j).size(0) - pos[j]);
                stepStates.add(states.get(j));
                stepChunks.add(Reshape.narrow(xs.get(j), 0, pos[j], len));
                who.add(j);
                pos[j] += len;
                busy = true;
            }
            List<Tensor> outs = m.forwardChunks(stepStates, stepChunks);
            for (int i = 0; i < who.size(); i++) got[who.get(i)] = Frames.concatTime(got[who.get(i)], outs.get(i));
        }
        for (int j = 0; j < k; j++) {
            Tensor all = Frames.concatTime(got[j], m.finishStream(states.get(j)));
            Tensor offline;
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                offline = m.forward(xs.get(j), null).logProbs();
            }
            assertArrayEquals(offline.shape(), all.shape(), "stream " + j + " output shape");
            float[] a = offline.toArray();
            float[] b = all.toArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4f, "stream " + j + " value " + i);
        }
    }

    static IntUnaryOperator random(long seed) {
        Random r = new Random(seed);
        return i -> r.nextInt(12);
    }
}
