package org.elman.ctc.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/** Offline decoding of every stream of a time-major {@code (T, N, V)} batch, parallel over streams. */
public final class BatchDecode {
    private BatchDecode() {}

    /** Greedy result per stream, reading the first {@code lengths[n]} frames of stream n. */
    public static List<Hypothesis> greedy(GreedyDecoder decoder, Tensor logProbs, int[] lengths) {
        Hypothesis[] out = new Hypothesis[check(logProbs, lengths)];
        Parallel.range(out.length, 1, (lo, hi) -> {
            for (int n = lo; n < hi; n++) out[n] = decoder.decode(FrameSource.of(logProbs, n, lengths[n]));
        });
        return Arrays.asList(out);
    }

    /** Beam-search n-best list per stream. */
    public static List<List<Hypothesis>> beam(BeamSearchDecoder decoder, Tensor logProbs, int[] lengths) {
        int streams = check(logProbs, lengths);
        List<List<Hypothesis>> out = new ArrayList<>(java.util.Collections.nCopies(streams, null));
        Parallel.range(streams, 1, (lo, hi) -> {
            for (int n = lo; n < hi; n++) out.set(n, decoder.decode(FrameSource.of(logProbs, n, lengths[n])));
        });
        return out;
    }

    private static int check(Tensor logProbs, int[] lengths) {
        if (logProbs == null || logProbs.dim() != 3) {
            throw new IllegalArgumentException("batched decoder input must be (T, N, V), got "
                    + (logProbs == null ? "null" : Shapes.str(logProbs.shape())));
        }
        int n = logProbs.size(1);
        if (lengths == null || lengths.length != n) {
            throw new IllegalArgumentException("need " + n + " lengths, got " + (lengths == null ? "null" : lengths.length));
        }
        return n;
    }
}
