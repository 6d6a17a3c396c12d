package org.elman.nn;

import static org.elman.nn.GradAssert.close;
import static org.elman.nn.GradAssert.gradients;
import static org.elman.nn.GradAssert.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LayersTest {
    @Test
    void linearInitShapesAndLeadingAxes() {
        Linear fc = Linear.builder().setInFeatures(16).setOutFeatures(3).optRandom(new Random(1)).build();
        assertArrayEquals(new int[] {3, 16}, fc.weight().shape());
        float bound = 0.25f;
        for (float v : fc.weight().toArray()) assertTrue(Math.abs(v) <= bound, "weight " + v + " outside U(-1/4, 1/4)");
        for (float v : fc.bias().toArray()) assertTrue(Math.abs(v) <= bound);
        Tensor x = param(2, 4, 2, 16);
        Tensor y = fc.forward(x);
        assertArrayEquals(new int[] {4, 2, 3}, y.shape());
        double expect = fc.bias().get(1);
        for (int i = 0; i < 16; i++) expect += fc.weight().get(1, i) * x.get(3, 1, i);
        assertEquals(expect, y.get(3, 1, 1), 1e-5);
        assertEquals(List.of("weight", "bias"), List.copyOf(fc.stateDict().keySet()));
    }

    @Test
    void linearGradientsAndNoBias() {
        Linear fc = Linear.builder().setInFeatures(3).setOutFeatures(2).optRandom(new Random(3)).build();
        Tensor x = param(4, 2, 3, 3);
        gradients(() -> fc.forward(x), 1e-2f, 1e-2, x, fc.weight(), fc.bias());
        Linear nb = Linear.builder().setInFeatures(3).setOutFeatures(2).optBias(false).build();
        assertNull(nb.bias());
        assertEquals(1, nb.parameters().size());
    }

    @Test
    void builderErrorsNameTheSetting() {
        var missing = assertThrows(IllegalStateException.class, () -> Linear.builder().setInFeatures(3).build());
        assertTrue(missing.getMessage().contains("setOutFeatures"), missing.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> Linear.builder().setInFeatures(0).setOutFeatures(2).build());
        assertTrue(bad.getMessage().contains(">= 1"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dropout.builder().setProbability(1f).build());
        assertThrows(IllegalStateException.class, () -> Dropout.builder().build());
        assertThrows(IllegalArgumentException.class, () -> Embedding.builder().setNumEmbeddings(3).setDim(2).optPaddingIndex(3).build());
        assertThrows(IllegalStateException.class, () -> Sequential.builder().build());
        var shape = assertThrows(IllegalArgumentException.class,
                () -> Linear.builder().setInFeatures(3).setOutFeatures(2).build().forward(Tensor.zeros(2, 4)));
        assertTrue(shape.getMessage().contains("features"), shape.getMessage());
    }

    @Test
    void embeddingLooksUpRowsAndSkipsPaddingGradient() {
        Embedding emb = Embedding.builder().setNumEmbeddings(4).setDim(3).optPaddingIndex(0).optRandom(new Random(5)).build();
        close(new float[] {0, 0, 0}, emb.weight().rows(0, 1), 0f);
        int[] idx = {2, 0, 2, 3};
        Tensor e = emb.forward(idx, 2, 2);
        assertArrayEquals(new int[] {2, 2, 3}, e.shape());
        close(emb.weight().rows(2, 1).toArray(), e.rows(1, 1).view(2, 3).rows(0, 1), 0f);
        e.sum().backward();
        Tensor g = emb.weight().grad();
        close(new float[] {0, 0, 0, 0, 0, 0, 2, 2, 2, 1, 1, 1}, g, 0f);
        // finite differences would see the padding row, which by design gets no gradient: check the others
        gradients(() -> emb.forward(new int[] {2, 1, 3, 2}, 4), 1e-2f, 1e-2, emb.weight());
        Embedding plain = Embedding.builder().setNumEmbeddings(4).setDim(2).build();
        gradients(() -> plain.forward(new int[] {1, 1, 0}), 1e-2f, 1e-2, plain.weight());
        assertThrows(IndexOutOfBoundsException.class, () -> plain.forward(new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> plain.forward(new int[] {1, 2, 3}, 2, 2));
    }

    @Test
    void dropoutTrainEvalAndScaling() {
        Dropout d = Dropout.builder().setProbability(0.25f).optSeed(9).build();
        Tensor x = Tensor.ones(20000);
        Tensor y = d.forward(x);
        int zeros = 0;
        for (float v : y.toArray()) {
            if (v == 0f) zeros++;
            else assertEquals(4f / 3f, v, 1e-6f);
        }
        assertEquals(0.25, zeros / 20000.0, 0.015);
        Tensor again = Dropout.builder().setProbability(0.25f).optSeed(9).build().forward(x);
        assertArrayEquals(y.toArray(), again.toArray(), "same seed, same mask");
        d.eval();
        assertSame(x, d.forward(x));
        Tensor p = param(1, 6);
        Dropout fixed = Dropout.builder().setProbability(0.5f).optSeed(2).build();
        Tensor out = fixed.forward(p);
        out.sum().backward();
        for (int i = 0; i < 6; i++) assertEquals(out.get(i) == 0f ? 0f : 2f, p.grad().get(i), 0f);
    }

    @Test
    void activationsAndSequential() {
        Linear a = Linear.builder().setInFeatures(3).setOutFeatures(4).optRandom(new Random(1)).build();
        Linear b = Linear.builder().setInFeatures(4).setOutFeatures(2).optRandom(new Random(2)).build();
        Sequential mlp = Sequential.builder().add(a).add(Activations.tanh()).add(b).add(Softmax.logLastAxis()).build();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(mlp.stateDict().keySet()));
        Tensor x = param(3, 5, 3);
        Tensor y = mlp.forward(x);
        for (int r = 0; r < 5; r++) assertEquals(1.0, Math.exp(y.get(r, 0)) + Math.exp(y.get(r, 1)), 1e-5);
        gradients(() -> mlp.forward(x), 1e-2f, 1e-2, x, a.weight(), b.bias());
        Tensor v = Tensor.vector(-1, 0, 2);
        close(new float[] {0, 0, 2}, Activations.relu().forward(v), 0f);
        close(new float[] {(float) Math.tanh(-1), 0, (float) Math.tanh(2)}, Activations.tanh().forward(v), 1e-6f);
        assertEquals(0.5f, Activations.sigmoid().forward(v).get(1), 1e-6f);
        Tensor sm = Softmax.builder().optAxis(0).build().forward(Tensor.of(new float[] {0, 5, 0, 5}, 2, 2));
        close(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, sm, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Softmax.builder().optAxis(2).build().forward(Tensor.zeros(2, 2)));
        mlp.eval();
        assertTrue(!a.isTraining());
    }
}
