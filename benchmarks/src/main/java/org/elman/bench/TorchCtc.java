package org.elman.bench;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * PyTorch's {@code torch.ctc_loss} (reduction sum) through DJL. DJL 0.36 has no binding for it,
 * so this writes a four-file TorchScript archive whose module's {@code forward} calls it, and
 * loads that: {@code code/__torch__.py} (the module), {@code data.pkl} (the module object,
 * pickled), {@code constants.pkl} (no constants) and {@code version}.
 */
final class TorchCtc implements AutoCloseable {
    /** pickle protocol 2 of an instance of __torch__.M with state {training: False}. */
    private static final byte[] DATA_PKL = {
        (byte) 0x80, 2, 'c', '_', '_', 't', 'o', 'r', 'c', 'h', '_', '_', '\n', 'M', '\n', 'q', 0, ')',
        (byte) 0x81, 'q', 1, '}', 'q', 2, 'X', 8, 0, 0, 0, 't', 'r', 'a', 'i', 'n', 'i', 'n', 'g', 'q', 3,
        (byte) 0x89, 's', 'b', '.'};
    private static final byte[] EMPTY_TUPLE_PKL = {(byte) 0x80, 2, ')', '.'};
    private static final String CODE = String.join("\n",
            "class M(Module):",
            "  __parameters__ = []",
            "  __buffers__ = []",
            "  training : bool",
            "  def forward(self: __torch__.M,",
            "    log_probs: Tensor,",
            "    targets: Tensor,",
            "    input_lengths: Tensor,",
            "    target_lengths: Tensor) -> Tensor:",
            "    return torch.ctc_loss(log_probs, targets, input_lengths, target_lengths, 0, 2, False)",
            "");

    private final Model model;
    private final NDManager manager;
    private final ParameterStore store;

    TorchCtc() throws IOException, MalformedModelException {
        Path dir = Files.createTempDirectory("elman-torch-ctc");
        writeArchive(dir.resolve("ctc.pt"));
        model = Model.newInstance("ctc", Device.cpu(), "PyTorch");
        model.load(dir, "ctc");
        manager = model.getNDManager();
        store = new ParameterStore(manager, false);
    }

    private static void writeArchive(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "ctc/data.pkl", DATA_PKL);
            put(zip, "ctc/constants.pkl", EMPTY_TUPLE_PKL);
            put(zip, "ctc/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            put(zip, "ctc/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** A workload held as PyTorch arrays: logits (T, N, V), padded targets (N, L), lengths. */
    final class Batch implements AutoCloseable {
        private final NDManager sub = manager.newSubManager();
        private final NDArray logits;
        private final NDArray targets;
        private final NDArray inputLengths;
        private final NDArray targetLengths;

        Batch(float[] logits, int t, int n, int v, int[][] targets, int[] inputLengths, int[] targetLengths) {
            this.logits = sub.create(logits, new Shape(t, n, v));
            int maxLen = 0;
            for (int[] row : targets) maxLen = Math.max(maxLen, row.length);
            long[] padded = new long[n * maxLen];
            for (int b = 0; b < n; b++) for (int j = 0; j < targets[b].length; j++) padded[b * maxLen + j] = targets[b][j];
            this.targets = sub.create(padded, new Shape(n, maxLen));
            this.inputLengths = sub.create(toLong(inputLengths));
            this.targetLengths = sub.create(toLong(targetLengths));
        }

        /** Forward (log-softmax + ctc_loss, summed over the batch) and backward to the logits; returns the loss. */
        float forwardBackward() {
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector(); NDManager step = sub.newSubManager()) {
                NDArray lp = logits.logSoftmax(2);
                NDArray loss = model.getBlock().forward(store, new NDList(lp, targets, inputLengths, targetLengths), true).singletonOrThrow();
                lp.tempAttach(step);
                loss.tempAttach(step);
                float value = loss.getFloat();
                gc.backward(loss);
                logits.getGradient().getFloat(0, 0, 0);
                return value;
            }
        }

        @Override
        public void close() {
            sub.close();
        }
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
