package org.elman.models.speech;

import java.util.List;
import org.elman.autograd.GradMode;
import org.elman.nn.Conv1d;
import org.elman.ops.Conv.TimeContext;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Streaming state of a {@link TdnnModel}: per layer, the input frames not yet consumed by a full
 * context window. Layer l's output j reads its input frames {@code [j s, j s + span)} (valid
 * convolution); once an output is made, frames before the next window's start are dropped. The
 * first chunk gets the model's left edge padding, {@link #finish} the right padding, exactly as
 * the offline path pads, so the outputs are the same frames.
 */
final class TdnnStream implements StreamState {
    private final TdnnModel model;
    private final int n;
    private final Tensor[] buffers;
    private final int[] base;
    private final int[] next;
    private Tensor lastFrame;
    private boolean finished;

    TdnnStream(TdnnModel model, int n) {
        if (n < 1) throw new IllegalArgumentException("stream batch must be >= 1, got " + n);
        this.model = model;
        this.n = n;
        int layers = model.convs().size();
        this.buffers = new Tensor[layers];
        this.base = new int[layers];
        this.next = new int[layers];
    }

    static TdnnStream of(TdnnModel model, StreamState s) {
        if (!(s instanceof TdnnStream t) || t.model != model) throw new IllegalArgumentException("stream state was not made by this TDNN model");
        return t;
    }

    @Override
    public int batch() {
        return n;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    Tensor accept(Tensor chunk) {
        check(chunk);
        if (chunk.size(0) == 0) return Tensor.zeros(0, n, model.vocabSize());
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor in = chunk;
            if (lastFrame == null) in = Frames.concatTime(Frames.repeat(chunk, 0, model.leftContext()), chunk);
            lastFrame = Frames.repeat(chunk, chunk.size(0) - 1, 1);
            return run(in);
        }
    }

    Tensor finish() {
        if (finished) throw new IllegalStateException("stream already finished");
        finished = true;
        if (lastFrame == null) return Tensor.zeros(0, n, model.vocabSize());
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return run(Frames.repeat(lastFrame, 0, model.rightContext()));
        }
    }

    private void check(Tensor chunk) {
        if (finished) throw new IllegalStateException("stream already finished");
        if (model.isTraining()) throw new IllegalStateException("streaming needs eval mode (call eval() first)");
        if (chunk == null || chunk.dim() != 3 || chunk.size(1) != n || chunk.size(2) != model.inputDim()) {
            throw new IllegalArgumentException("chunk must be (t, " + n + ", " + model.inputDim() + "), got "
                    + (chunk == null ? "null" : Shapes.str(chunk.shape())));
        }
    }

    private Tensor run(Tensor in) {
        Tensor h = in;
        List<Conv1d> convs = model.convs();
        for (int i = 0; i < convs.size(); i++) {
            h = feed(i, convs.get(i), h);
            if (h.size(0) == 0) return Tensor.zeros(0, n, model.vocabSize());
            h = model.activate(i, h);
        }
        return model.logProbs(h);
    }

    /** Appends frames to layer i's buffer and returns the conv outputs whose windows are complete. */
    private Tensor feed(int i, Conv1d conv, Tensor frames) {
        Tensor buf = Frames.concatTime(buffers[i], frames);
        TimeContext ctx = conv.context();
        int span = ctx.span();
        int s = ctx.stride();
        int avail = base[i] + buf.size(0);
        int count = avail < span || avail - span < next[i] * s ? 0 : (avail - span) / s - next[i] + 1;
        Tensor out = Tensor.zeros(0, n, conv.weight().size(0));
        if (count > 0) {
            int start = next[i] * s - base[i];
            out = conv.forward(Frames.slice(buf, start, (count - 1) * s + span));
            next[i] += count;
        }
        int keepFrom = Math.min(next[i] * s, avail);
        buffers[i] = Frames.slice(buf, keepFrom - base[i], avail - keepFrom);
        base[i] = keepFrom;
        return out;
    }
}
