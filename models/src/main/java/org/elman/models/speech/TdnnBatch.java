package org.elman.models.speech;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.elman.autograd.GradMode;
import org.elman.nn.Conv1d;
import org.elman.tensor.Tensor;

/**
 * One streaming step of many independent {@link TdnnStream}s as one forward pass per layer (the
 * server's dynamic batching). Per layer, each stream's {@link ConvFeeder} hands over the input
 * window of its newly complete outputs; the windows, which may differ in length, are placed side
 * by side in one zero-padded {@code (L, M, F)} batch (L the longest window, M the streams' total
 * batch), the layer's conv, ReLU and batch norm run once, and each stream takes back its own
 * {@code count} output frames. Padding frames only produce outputs that are dropped, so every
 * stream gets exactly what {@link TdnnStream#accept} alone would give (up to float rounding of
 * the larger GEMM).
 */
final class TdnnBatch {
    private TdnnBatch() {
    }

    static List<Tensor> forward(TdnnModel model, List<StreamState> states, List<Tensor> chunks) {
        List<TdnnStream> streams = streams(model, states, chunks);
        Tensor[] h = new Tensor[streams.size()];
        for (int j = 0; j < h.length; j++) streams.get(j).check(chunks.get(j));   // all before any state changes
        for (int j = 0; j < h.length; j++) {
            if (chunks.get(j).size(0) > 0) h[j] = streams.get(j).layerInput(chunks.get(j));
        }
        return run(model, streams, h);
    }

    /** Each stream's last chunk (zero frames allowed) and then its right edge padding, as {@link TdnnStream#finish}. */
    static List<Tensor> finish(TdnnModel model, List<StreamState> states, List<Tensor> lastChunks) {
        List<TdnnStream> streams = streams(model, states, lastChunks);
        Tensor[] h = new Tensor[streams.size()];
        for (int j = 0; j < h.length; j++) streams.get(j).check(lastChunks.get(j));
        for (int j = 0; j < h.length; j++) {
            TdnnStream s = streams.get(j);
            Tensor in = lastChunks.get(j).size(0) > 0 ? s.layerInput(lastChunks.get(j)) : null;
            h[j] = Frames.concatTime(in, s.finishPadding());
        }
        return run(model, streams, h);
    }

    @SuppressWarnings("try")   // the scope only switches gradient recording off
    private static List<Tensor> run(TdnnModel model, List<TdnnStream> streams, Tensor[] h) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = 0; i < model.convs().size(); i++) h = layer(model, i, streams, h);
        }
        List<Tensor> out = new ArrayList<>(h.length);
        for (int j = 0; j < h.length; j++) out.add(h[j] == null ? streams.get(j).empty() : h[j]);
        return out;
    }

    private static List<TdnnStream> streams(TdnnModel model, List<StreamState> states, List<Tensor> chunks) {
        if (states.size() != chunks.size()) {
            throw new IllegalArgumentException(states.size() + " stream states but " + chunks.size() + " chunks");
        }
        List<TdnnStream> streams = new ArrayList<>(states.size());
        IdentityHashMap<TdnnStream, Boolean> seen = new IdentityHashMap<>();
        for (StreamState s : states) {
            TdnnStream t = TdnnStream.of(model, s);
            if (seen.put(t, Boolean.TRUE) != null) throw new IllegalArgumentException("the same stream state appears twice in one batch");
            streams.add(t);
        }
        return streams;
    }

    /** Layer i for every stream with input; the last layer also applies the output softmax. */
    private static Tensor[] layer(TdnnModel model, int i, List<TdnnStream> streams, Tensor[] in) {
        Conv1d conv = model.convs().get(i);
        ConvFeeder.Window[] w = new ConvFeeder.Window[in.length];
        int width = 0;
        int maxCount = 0;
        int f = 0;
        for (int j = 0; j < in.length; j++) {
            if (in[j] == null || in[j].size(0) == 0) continue;
            w[j] = streams.get(j).feeder(i).take(conv.context(), in[j]);
            if (w[j].count() == 0) continue;
            width += in[j].size(1);
            f = in[j].size(2);
            maxCount = Math.max(maxCount, w[j].count());
        }
        Tensor[] out = new Tensor[in.length];
        if (maxCount == 0) return out;
        int span = conv.context().span();
        int stride = conv.context().stride();
        Tensor y = model.activate(i, conv.forward(gather(w, (maxCount - 1) * stride + span, width, f)));
        if (i == model.convs().size() - 1) y = model.logProbs(y);
        scatter(y, w, out);
        return out;
    }

    /** The windows side by side, zero-padded to {@code length} frames: {@code (length, width, f)}. */
    private static Tensor gather(ConvFeeder.Window[] w, int length, int width, int f) {
        float[] x = new float[length * width * f];
        int col = 0;
        for (ConvFeeder.Window win : w) {
            if (win == null || win.count() == 0) continue;
            Tensor src = win.frames();
            int n = src.size(1);
            for (int t = 0; t < src.size(0); t++) {
                System.arraycopy(src.data(), src.offset() + t * n * f, x, (t * width + col) * f, n * f);
            }
            col += n;
        }
        return Tensor.of(x, length, width, f);
    }

    /** Each stream's first {@code count} frames of its columns of {@code y (T, width, H)}. */
    private static void scatter(Tensor y, ConvFeeder.Window[] w, Tensor[] out) {
        int width = y.size(1);
        int hd = y.size(2);
        int col = 0;
        for (int j = 0; j < w.length; j++) {
            if (w[j] == null || w[j].count() == 0) continue;
            int n = w[j].frames().size(1);
            int count = w[j].count();
            float[] o = new float[count * n * hd];
            for (int t = 0; t < count; t++) {
                System.arraycopy(y.data(), y.offset() + (t * width + col) * hd, o, t * n * hd, n * hd);
            }
            out[j] = Tensor.of(o, count, n, hd);
            col += n;
        }
    }
}
