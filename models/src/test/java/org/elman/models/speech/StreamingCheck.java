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
     * random chunk sizes in [0, 37] (zero-length chunks included); a stream's last chunk goes,
     * with the other streams ending in the same step, through {@link AcousticModel#finishStreams}.
     * Compares each stream's output with the offline output of its own sequence.
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
            Step step = new Step();
            Step last = new Step();
            for (int j = 0; j < k; j++) {
                int left = xs.get(j).size(0) - pos[j];
                if (left == 0 && states.get(j).finished()) continue;
                int len = Math.min(r.nextInt(38), left);
                (len == left ? last : step).add(j, states.get(j), Reshape.narrow(xs.get(j), 0, pos[j], len));
                pos[j] += len;
                busy = true;
            }
            step.collect(m.forwardChunks(step.states, step.chunks), got);
            last.collect(m.finishStreams(last.states, last.chunks), got);
        }
        for (int j = 0; j < k; j++) {
            Tensor offline;
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                offline = m.forward(xs.get(j), null).logProbs();
            }
            assertArrayEquals(offline.shape(), got[j].shape(), "stream " + j + " output shape");
            float[] a = offline.toArray();
            float[] b = got[j].toArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4f, "stream " + j + " value " + i);
        }
    }

    /** The streams of one batched call. */
    private static final class Step {
        final List<StreamState> states = new ArrayList<>();
        final List<Tensor> chunks = new ArrayList<>();
        final List<Integer> who = new ArrayList<>();

        void add(int j, StreamState s, Tensor chunk) {
            who.add(j);
            states.add(s);
            chunks.add(chunk);
        }

        void collect(List<Tensor> outs, Tensor[] got) {
            for (int i = 0; i < who.size(); i++) got[who.get(i)] = Frames.concatTime(got[who.get(i)], outs.get(i));
        }
    }

    static IntUnaryOperator random(long seed) {
        Random r = new Random(seed);
        return i -> r.nextInt(12);
    }
}
