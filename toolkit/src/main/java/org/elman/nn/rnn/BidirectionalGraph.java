package org.elman.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.elman.autograd.GradMode;
import org.elman.autograd.Graph;
import org.elman.backend.cpu.Parallel;
import org.elman.tensor.Tensor;

/**
 * Runs the two directions of a {@link Bidirectional} layer as one node of the caller's graph so
 * that their backward passes, like their forward passes, run in parallel. Each direction records
 * its own sub-graph on private leaf copies of the input and initial state; the node's backward
 * seeds both sub-graphs at once on two threads. The sub-graphs accumulate their parameters'
 * gradients directly (the directions own disjoint parameters), and the node returns the
 * gradients of the input and of the initial state.
 */
final class BidirectionalGraph {
    private BidirectionalGraph() {}

    /** One direction's sub-graph: its private leaves and its outputs. */
    private record Side(Tensor xLeaf, RnnState s0Leaf, Tensor y, RnnState state) {
        List<Tensor> outputs() {
            List<Tensor> out = new ArrayList<>();
            out.add(y);
            out.addAll(state.parts());
            return out;
        }
    }

    static RnnOutput run(Recurrent fwd, Recurrent bwd, List<Tensor> params, Tensor x, int[] lens, RnnState f0, RnnState b0) {
        Side[] sides = new Side[2];
        Parallel.all(() -> sides[0] = withGrad(() -> side(fwd, x, lens, f0, false)),
                () -> sides[1] = withGrad(() -> side(bwd, x, lens, b0, true)));
        Tensor y = Features.concat(sides[0].y, sides[1].y);
        List<Tensor> outs = new ArrayList<>();
        outs.add(y);
        for (Side sd : sides) {
            for (Tensor p : sd.state.parts()) outs.add(Tensor.wrap(p.data(), p.offset(), p.shape()));
        }
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        if (f0 != null) inputs.addAll(f0.parts());
        if (b0 != null) inputs.addAll(b0.parts());
        int stateInputs = inputs.size() - 1;
        inputs.addAll(params);
        Graph.record("bidirectional", inputs.toArray(new Tensor[0]), outs.toArray(new Tensor[0]),
                g -> backward(sides, g, inputs.size(), stateInputs));
        int nf = sides[0].state.size();
        RnnState state = new RnnState(outs.subList(1, outs.size()).toArray(new Tensor[0]));
        return new RnnOutput(y, RnnState.concat(state.slice(0, nf), state.slice(nf, state.size() - nf)));
    }

    private static Side side(Recurrent layer, Tensor x, int[] lens, RnnState s0, boolean reversed) {
        Tensor xLeaf = x.detach().requiresGrad(x.requiresGrad());
        RnnState s0Leaf = null;
        if (s0 != null) {
            Tensor[] parts = new Tensor[s0.size()];
            for (int i = 0; i < parts.length; i++) parts[i] = s0.part(i).detach().requiresGrad(s0.part(i).requiresGrad());
            s0Leaf = new RnnState(parts);
        }
        RnnOutput o = reversed ? Bidirectional.reversed(layer, xLeaf, lens, s0Leaf) : layer.forward(xLeaf, lens, s0Leaf);
        return new Side(xLeaf, s0Leaf, o.output(), o.state());
    }

    private static Tensor[] backward(Side[] sides, Tensor[] g, int inputCount, int stateInputs) {
        int hf = sides[0].y.size(2);
        int hb = sides[1].y.size(2);
        Tensor[] gy = g[0] == null ? new Tensor[2] : Features.split(g[0], hf, hb);
        int nf = sides[0].state.size();
        int nb = sides[1].state.size();
        Tensor[] seedF = new Tensor[1 + nf];
        Tensor[] seedB = new Tensor[1 + nb];
        seedF[0] = gy[0];
        seedB[0] = gy[1];
        System.arraycopy(g, 1, seedF, 1, nf);
        System.arraycopy(g, 1 + nf, seedB, 1, nb);
        Parallel.all(() -> seed(sides[0], seedF), () -> seed(sides[1], seedB));
        Tensor[] grads = new Tensor[inputCount];
        grads[0] = sum(sides[0].xLeaf.grad(), sides[1].xLeaf.grad());
        int at = 1;
        for (Side sd : sides) {
            if (sd.s0Leaf == null) continue;
            for (Tensor p : sd.s0Leaf.parts()) grads[at++] = p.grad();
        }
        if (at != 1 + stateInputs) throw new IllegalStateException("bidirectional: state gradient count mismatch");
        return grads;
    }

    /** Back-propagates the given output gradients through one side's sub-graph. */
    private static void seed(Side sd, Tensor[] seeds) {
        sd.xLeaf.zeroGrad();
        if (sd.s0Leaf != null) sd.s0Leaf.parts().forEach(Tensor::zeroGrad);
        List<Tensor> outs = sd.outputs();
        Tensor root = Tensor.scalar(0f);
        try (GradMode.Scope s = GradMode.enableGrad()) {
            Graph.record("bidirectional_seed", outs.toArray(new Tensor[0]), new Tensor[] {root}, gr -> seeds);
        }
        if (root.requiresGrad()) root.backward();
    }

    private static Tensor sum(Tensor a, Tensor b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.add(b);
    }

    private static <T> T withGrad(Supplier<T> body) {
        try (GradMode.Scope s = GradMode.enableGrad()) {
            return body.get();
        }
    }
}
