package org.elman.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The PyTorch side of the LSTM workloads: {@code torch.lstm} (the kernel behind
 * {@code nn.LSTM}) called through DJL's PyTorch engine on the CPU, with PyTorch's flat weight
 * list {@code [w_ih, w_hh, b_ih, b_hh]} per layer and direction.
 */
final class TorchLstm implements AutoCloseable {
    private final NDManager manager;
    private final NDList params = new NDList();
    private final NDArray input;
    private final NDList state;
    private final int layers;
    private final boolean bidirectional;

    TorchLstm(int layers, boolean bidirectional, int inputSize, int hidden, int batch, int steps) {
        this.layers = layers;
        this.bidirectional = bidirectional;
        manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch");
        int dirs = bidirectional ? 2 : 1;
        float bound = (float) (1 / Math.sqrt(hidden));
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? inputSize : hidden * dirs;
            for (int d = 0; d < dirs; d++) {
                params.add(manager.randomUniform(-bound, bound, new Shape(4L * hidden, in)));
                params.add(manager.randomUniform(-bound, bound, new Shape(4L * hidden, hidden)));
                params.add(manager.randomUniform(-bound, bound, new Shape(4L * hidden)));
                params.add(manager.randomUniform(-bound, bound, new Shape(4L * hidden)));
            }
        }
        for (NDArray p : params) p.setRequiresGradient(true);
        input = manager.randomNormal(new Shape(steps, batch, inputSize));
        state = new NDList(manager.zeros(new Shape((long) layers * dirs, batch, hidden)),
                manager.zeros(new Shape((long) layers * dirs, batch, hidden)));
    }

    private NDArray run(boolean training) {
        return input.getNDArrayInternal().lstm(input, state, params, true, layers, 0.0, training, bidirectional, false).get(0);
    }

    /** Forward pass only, without gradient recording. */
    void forward() {
        try (NDManager sub = manager.newSubManager()) {
            NDArray out = run(false);
            out.tempAttach(sub);
            out.sum().getFloat();
        }
    }

    /** Forward pass with recording, then backward of sum(output). */
    void forwardBackward() {
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector();
             NDManager sub = manager.newSubManager()) {
            NDArray out = run(true);
            NDArray loss = out.sum();
            out.tempAttach(sub);
            loss.tempAttach(sub);
            gc.backward(loss);
        }
    }

    /** {@code steps} single-step calls (T = 1, batch 1 expected) carrying (h, c) between them. */
    void stream(int steps) {
        try (NDManager sub = manager.newSubManager()) {
            NDList hc = state;
            long f = input.getShape().get(2);
            for (int t = 0; t < steps; t++) {
                NDArray x = input.get(t).reshape(1, 1, f);
                NDList out = x.getNDArrayInternal().lstm(x, hc, params, true, layers, 0.0, false, bidirectional, false);
                out.tempAttach(sub);
                hc = new NDList(out.get(1), out.get(2));
            }
            hc.get(0).sum().getFloat();
        }
    }

    static String version() {
        return Engine.getEngine("PyTorch").getVersion();
    }

    @Override
    public void close() {
        manager.close();
    }
}
