package org.elman.nn.rnn;

import java.util.Arrays;
import java.util.List;
import org.elman.tensor.Tensor;

/**
 * The carried state of a recurrent layer: an ordered list of {@code (N, H)} tensors, e.g. {@code
 * [h]} for an Elman RNN or GRU, {@code [h, c]} for an LSTM. Stacked and bidirectional layers
 * concatenate the lists of their parts (layer-major, forward direction first). Opaque to callers
 * beyond {@link #detach()}, which cuts the graph for truncated BPTT and streaming.
 */
public final class RnnState {
    private final Tensor[] parts;

    public RnnState(Tensor... parts) {
        this.parts = parts.clone();
    }

    public List<Tensor> parts() {
        return Arrays.asList(parts.clone());
    }

    public Tensor part(int i) {
        return parts[i];
    }

    public int size() {
        return parts.length;
    }

    /** The same values cut from the autograd graph. */
    public RnnState detach() {
        Tensor[] d = new Tensor[parts.length];
        for (int i = 0; i < d.length; i++) d[i] = parts[i].detach();
        return new RnnState(d);
    }

    /** Parts {@code [from, from + count)} as a state of their own (for composite layers). */
    public RnnState slice(int from, int count) {
        return new RnnState(Arrays.copyOfRange(parts, from, from + count));
    }

    /** Concatenation of several states' parts, in order. */
    public static RnnState concat(RnnState... states) {
        return new RnnState(Arrays.stream(states).flatMap(s -> Arrays.stream(s.parts)).toArray(Tensor[]::new));
    }
}
