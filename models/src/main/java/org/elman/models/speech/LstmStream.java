package org.elman.models.speech;

import org.elman.autograd.GradMode;
import org.elman.nn.rnn.RnnOutput;
import org.elman.nn.rnn.RnnState;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Streaming state of a unidirectional {@link BiLstmCtcModel} with frame stacking: the input
 * frames not yet forming a whole group of k, the LSTM state, the look-ahead convolution's window,
 * and the last input frame and LSTM output (to complete the final group and look-ahead at the end
 * of input exactly as the offline path does).
 */
final class LstmStream implements StreamState {
    private final BiLstmCtcModel model;
    private final int n;
    private Tensor pending;
    private RnnState state;
    private Tensor lastFrame;
    private Tensor lastHidden;
    private final ConvFeeder lookahead = new ConvFeeder();
    private boolean finished;

    LstmStream(BiLstmCtcModel model, int n) {
        if (n < 1) throw new IllegalArgumentException("stream batch must be >= 1, got " + n);
        this.model = model;
        this.n = n;
        this.state = model.zeroState(n);
    }

    static LstmStream of(BiLstmCtcModel model, StreamState s) {
        if (!(s instanceof LstmStream l) || l.model != model) throw new IllegalArgumentException("stream state was not made by this LSTM model");
        return l;
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
        if (finished) throw new IllegalStateException("stream already finished");
        if (model.isTraining()) throw new IllegalStateException("streaming needs eval mode (call eval() first)");
        if (chunk == null || chunk.dim() != 3 || chunk.size(1) != n || chunk.size(2) != model.inputDim()) {
            throw new IllegalArgumentException("chunk must be (t, " + n + ", " + model.inputDim() + "), got "
                    + (chunk == null ? "null" : Shapes.str(chunk.shape())));
        }
        if (chunk.size(0) == 0) return Tensor.zeros(0, n, model.vocabSize());
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            lastFrame = Frames.repeat(chunk, chunk.size(0) - 1, 1);
            Tensor buf = Frames.concatTime(pending, chunk);
            int k = model.stack();
            int whole = buf.size(0) / k * k;
            pending = Frames.slice(buf, whole, buf.size(0) - whole);
            return whole == 0 ? Tensor.zeros(0, n, model.vocabSize()) : run(Frames.slice(buf, 0, whole));
        }
    }

    @SuppressWarnings("try")   // the scope only switches gradient recording off
    Tensor finish() {
        if (finished) throw new IllegalStateException("stream already finished");
        finished = true;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor out = Tensor.zeros(0, n, model.vocabSize());
            if (pending != null && pending.size(0) > 0) {
                out = run(Frames.concatTime(pending, Frames.repeat(lastFrame, 0, model.stack() - pending.size(0))));
            }
            if (model.lookahead() == null || lastHidden == null) return out;
            int tau = model.lookahead().context().span() - 1;
            Tensor g = lookahead.feed(model.lookahead(), Frames.repeat(lastHidden, 0, tau));
            return g.size(0) == 0 ? out : Frames.concatTime(out, model.head(g));
        }
    }

    private Tensor run(Tensor frames) {
        int[] all = new int[n];
        java.util.Arrays.fill(all, frames.size(0));
        RnnOutput out = model.recurrent(Frames.stack(frames, all, model.stack()), state);
        state = out.state();
        Tensor h = out.output();
        if (model.lookahead() == null) return model.head(h);
        lastHidden = Frames.repeat(h, h.size(0) - 1, 1);
        Tensor g = lookahead.feed(model.lookahead(), h);
        return g.size(0) == 0 ? Tensor.zeros(0, n, model.vocabSize()) : model.head(g);
    }
}
