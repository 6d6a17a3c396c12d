package org.elman.models.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    static IntUnaryOperator random(long seed) {
        Random r = new Random(seed);
        return i -> r.nextInt(12);
    }
}
