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
    private Tensor buffer;
    private int base;
    private int next;

    /** Appends {@code frames (t, N, F)}; returns the newly complete outputs {@code (t', N, O)}. */
    Tensor feed(Conv1d conv, Tensor frames) {
        Tensor buf = Frames.concatTime(buffer, frames);
        TimeContext ctx = conv.context();
        int span = ctx.span();
        int s = ctx.stride();
        int avail = base + buf.size(0);
        int count = avail < span || avail - span < next * s ? 0 : (avail - span) / s - next + 1;
        Tensor out = Tensor.zeros(0, frames.size(1), conv.weight().size(0));
        if (count > 0) {
            out = conv.forward(Frames.slice(buf, next * s - base, (count - 1) * s + span));
            next += count;
        }
        int keepFrom = Math.min(next * s, avail);
        buffer = Frames.slice(buf, keepFrom - base, avail - keepFrom);
        base = keepFrom;
        return out;
    }
}
