package org.elman.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.elman.io.AtomicFiles;
import org.elman.io.SafeTensors;
import org.elman.io.SafeTensorsFormatException;
import org.elman.nn.Module;
import org.elman.ops.Linalg;
import org.elman.optim.Adam;
import org.elman.optim.GradClip;
import org.elman.optim.Optimizer;
import org.elman.optim.Sgd;
import org.elman.optim.StepLr;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    /** Linear regression {@code y = x W^T + b} with a buffer, enough to exercise every part. */
    static final class LinReg extends Module {
        final Tensor w;
        final Tensor b;

        LinReg(Random init) {
            w = param("weight", Tensor.randn(init, 2, 3));
            b = param("bias", Tensor.zeros(2));
            buffer("seen", Tensor.zeros(1));
        }

        Tensor forward(Tensor x) {
            return Linalg.linear(x, w, b);
        }
    }

    private static final float[] TRUE_W = {1f, -2f, 0.5f, 0.3f, 0.2f, -1f};

    @TempDir
    Path dir;

    /** One training step on a batch drawn from the "data" stream; dropout-like noise from "noise". */
    private static void trainStep(LinReg m, Optimizer opt, StepLr sched, Seeds seeds) {
        Random data = seeds.stream("data");
        Tensor x = Tensor.randn(data, 4, 3);
        Tensor y = Linalg.linear(x, Tensor.of(TRUE_W.clone(), 2, 3), null).add(Tensor.randn(seeds.stream("noise"), 4, 2).mul(0.1f));
        Tensor err = m.forward(x).sub(y);
        err.mul(err).mean().backward();
        GradClip.byNorm(m.parameters(), 1.0);
        opt.step();
        opt.zeroGrad();
        sched.step();
        m.stateDict().get("seen").data()[0] += 4;
    }

    private static Adam adam(LinReg m) {
        return Adam.builder().setParams(m.parameters()).setLr(0.05).optAmsgrad(true).build();
    }

    @Test
    void resumeFromCheckpointIsBitIdenticalToStraightTraining() throws IOException {
        int n = 12;
        Seeds seedsA = new Seeds(99);
        LinReg a = new LinReg(seedsA.stream("init"));
        Adam optA = adam(a);
        StepLr schedA = new StepLr(optA, 4, 0.5);
        for (int i = 0; i < n; i++) trainStep(a, optA, schedA, seedsA);

        Seeds seedsB = new Seeds(99);
        LinReg b = new LinReg(seedsB.stream("init"));
        Adam optB = adam(b);
        StepLr schedB = new StepLr(optB, 4, 0.5);
        for (int i = 0; i < n / 2; i++) trainStep(b, optB, schedB, seedsB);
        Path f = dir.resolve("ck.safetensors");
        Checkpoint.capture(b, optB, schedB.stepCount(), seedsB, Map.of("recipe", "linreg")).save(f);

        Seeds seedsC = new Seeds(99);
        LinReg c = new LinReg(new Random(12345)); // fresh, different weights
        Adam optC = adam(c);
        Checkpoint ck = Checkpoint.load(f);
        ck.restore(c, optC, seedsC);
        StepLr schedC = new StepLr(optC, 4, 0.5);
        schedC.setStepCount(ck.step());
        assertEquals(n / 2, ck.step());
        assertEquals("linreg", ck.metadata().get("recipe"));
        for (int i = n / 2; i < n; i++) trainStep(c, optC, schedC, seedsC);

        for (String k : a.stateDict().keySet()) {
            assertArrayEquals(bits(a.stateDict().get(k)), bits(c.stateDict().get(k)), k);
        }
        assertEquals(optA.lr(), optC.lr());
        assertEquals(seedsA.state(), seedsC.state());
        assertEquals(0.05 * 0.125, optC.lr(), 1e-15, "StepLr after 12 steps of size 4");
    }

    @Test
    void fileIsPlainSafetensorsWithReservedAndUserMetadata() throws IOException {
        LinReg m = new LinReg(new Random(1));
        Sgd opt = Sgd.builder().setParams(m.parameters()).setLr(0.1).optMomentum(0.9).build();
        m.w.setGrad(Tensor.ones(2, 3));
        opt.step();
        Path f = dir.resolve("plain.safetensors");
        Checkpoint.capture(m, opt, 7, new Seeds(3), Map.of("note", "x")).save(f);
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(Stream.of("model.weight", "model.bias", "model.seen", "optim.0.momentum_buffer").sorted().toList(),
                c.tensors().keySet().stream().sorted().toList());
        assertEquals("7", c.metadata().get("elman.step"));
        assertEquals("Sgd", c.metadata().get("elman.optim.type"));
        assertEquals("1", c.metadata().get("elman.optim.0.step"));
        assertEquals("x", c.metadata().get("note"));
    }

    @Test
    void crashMidWriteLeavesThePreviousCheckpointLoadable() throws IOException {
        LinReg m = new LinReg(new Random(2));
        Path f = dir.resolve("ck.safetensors");
        Checkpoint.capture(m, null, 1, null, Map.of()).save(f);
        // simulated kill after the temp file was partly written, before the rename
        Path tmp = dir.resolve(".ck.safetensors4711.tmp");
        Files.write(tmp, new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, '{', '"'});
        Checkpoint ck = Checkpoint.load(f);
        assertEquals(1, ck.step());
        assertArrayEquals(m.w.toArray(), ck.modelState().get("weight").toArray());
        // a write that fails half way: the old file stays, the temp file is removed
        IOException boom = assertThrows(IOException.class, () -> AtomicFiles.write(f, ch -> {
            ch.write(ByteBuffer.wrap(new byte[100]));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", boom.getMessage());
        assertEquals(1, Checkpoint.load(f).step());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "only the checkpoint and the simulated leftover remain");
        }
        // and a later save replaces the file
        Checkpoint.capture(m, null, 2, null, Map.of()).save(f);
        assertEquals(2, Checkpoint.load(f).step());
    }

    @Test
    void mismatchesAreReportedClearly() throws IOException {
        LinReg m = new LinReg(new Random(3));
        Adam opt = adam(m);
        Path f = dir.resolve("ck.safetensors");
        Checkpoint.capture(m, opt, 0, new Seeds(5), Map.of()).save(f);
        Checkpoint ck = Checkpoint.load(f);
        Sgd sgd = Sgd.builder().setParams(m.parameters()).setLr(1).build();
        var e = assertThrows(IllegalArgumentException.class, () -> ck.restore(m, sgd, null));
        assertTrue(e.getMessage().contains("Adam"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> ck.restore(m, null, new Seeds(6)));
        assertTrue(e2.getMessage().contains("master seed 5"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.capture(m, null, 0, null, Map.of("elman.step", "3")));
        Path plain = dir.resolve("weights.safetensors");
        SafeTensors.write(plain, m.stateDict(), Map.of());
        var e3 = assertThrows(SafeTensorsFormatException.class, () -> Checkpoint.load(plain));
        assertTrue(e3.getMessage().contains("not an Elman checkpoint"), e3.getMessage());
        Checkpoint noOpt = Checkpoint.load(save(m));
        assertThrows(IllegalArgumentException.class, () -> noOpt.restore(m, opt, null));
        assertFalse(noOpt.metadata().containsKey("elman.format"));
    }

    private Path save(LinReg m) throws IOException {
        Path f = dir.resolve("model-only.safetensors");
        Checkpoint.capture(m, null, 0, null, null).save(f);
        return f;
    }

    private static int[] bits(Tensor t) {
        float[] v = t.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }
}
