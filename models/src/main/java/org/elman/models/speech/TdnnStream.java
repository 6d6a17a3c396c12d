package org.elman.models.speech;

import java.util.List;
import org.elman.autograd.GradMode;
import org.elman.nn.Conv1d;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Streaming state of a {@link TdnnModel}: per layer, a {@link ConvFeeder} holding the input frames
 * not yet consumed by a full context window. The
 * first chunk gets the model's left edge padding, {@link #finish} the right padding, exactly as
 * the offline path pads, so the outputs are the same frames.
 */
final class TdnnStream implements StreamState {
    private final TdnnModel model;
    private final int n;
    private final ConvFeeder[] feeders;
    private Tensor lastFrame;
    private boolean finished;

    TdnnStream(TdnnModel model, int n) {
        if (n < 1) throw new IllegalArgumentException("stream batch must be >= 1, got " + n);
        this.model = model;
        this.n = n;
        this.feeders = new ConvFeeder[model.convs().size()];
        for (int i = 0; i < feeders.length; i++) feeders[i] = new ConvFeeder();
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

    @SuppressWarnings("try")   // the scope only switches gradient recording off
    Tensor accept(Tensor chunk) {
        check(chunk);
        if (chunk.size(0) == 0) return empty();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return run(layerInput(chunk));
        }
    }

    /**
     * The first layer's input for a checked, non-empty chunk: the first chunk gets the left edge
     * padding; the chunk's last frame is kept for the right padding.
     */
    Tensor layerInput(Tensor chunk) {
        Tensor in = chunk;
        if (lastFrame == null) in = Frames.concatTime(Frames.repeat(chunk, 0, model.leftContext()), chunk);
        lastFrame = Frames.repeat(chunk, chunk.size(0) - 1, 1);
        return in;
    }

    ConvFeeder feeder(int layer) {
        return feeders[layer];
    }

    Tensor empty() {
        return Tensor.zeros(0, n, model.vocabSize());
    }

    @SuppressWarnings("try")   // the scope only switches gradient recording off
    Tensor finish() {
        Tensor pad = finishPadding();
        if (pad == null) return empty();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return run(pad);
        }
    }

    /**
     * Marks the stream finished and returns the right edge padding for the first layer (copies of
     * the last frame), or null when no frame ever arrived.
     */
    Tensor finishPadding() {
        if (finished) throw new IllegalStateException("stream already finished");
        finished = true;
        return lastFrame == null ? null : Frames.repeat(lastFrame, 0, model.rightContext());
    }

    void check(Tensor chunk) {
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
            h = feeders[i].feed(convs.get(i), h);
            if (h.size(0) == 0) return empty();
            h = model.activate(i, h);
        }
        return model.logProbs(h);
    }
}
