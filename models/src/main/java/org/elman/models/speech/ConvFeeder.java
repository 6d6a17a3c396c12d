package org.elman.models.speech;

import org.elman.nn.Conv1d;
import org.elman.ops.Conv.TimeContext;
import org.elman.tensor.Tensor;

/**
 * Streams a valid (unpadded) {@link Conv1d}: keeps the input frames a future output still needs.
 * Output j of the layer reads input frames {@code [j s, j s + span)}; each call appends frames and
 * returns the outputs whose windows are now complete, in order, so the concatenated outputs equal
 * the layer run once on the concatenated inputs.
 */
final class ConvFeeder {
    /** Input frames {@code (count - 1) s + span} long whose conv gives {@code count} new outputs; count 0: none. */
    record Window(Tensor frames, int count) {}

    private Tensor buffer;
    private int base;
    private int next;

    /** Appends {@code frames (t, N, F)}; returns the newly complete outputs {@code (t', N, O)}. */
    Tensor feed(Conv1d conv, Tensor frames) {
        Window w = take(conv.context(), frames);
        if (w.count() == 0) return Tensor.zeros(0, frames.size(1), conv.weight().size(0));
        return conv.forward(w.frames());
    }

    /**
     * Appends {@code frames (t, N, F)} and returns the input window of the outputs that are now
     * complete, advancing past them: the caller must run the conv on it (alone or batched with other
     * streams' windows, see {@link TdnnBatch}).
     */
    Window take(TimeContext ctx, Tensor frames) {
        Tensor buf = Frames.concatTime(buffer, frames);
        int span = ctx.span();
        int s = ctx.stride();
        int avail = base + buf.size(0);
        int count = avail < span || avail - span < next * s ? 0 : (avail - span) / s - next + 1;
        Window w = new Window(null, 0);
        if (count > 0) {
            w = new Window(Frames.slice(buf, next * s - base, (count - 1) * s + span), count);
            next += count;
        }
        int keepFrom = Math.min(next * s, avail);
        buffer = Frames.slice(buf, keepFrom - base, avail - keepFrom);
        base = keepFrom;
        return w;
    }
}
