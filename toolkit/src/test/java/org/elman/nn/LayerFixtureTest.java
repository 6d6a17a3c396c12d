package org.elman.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.elman.nn.loss.CrossEntropy;
import org.elman.ops.Conv;
import org.elman.ops.Conv.TimeContext;
import org.elman.ops.Conv.Window2d;
import org.elman.ops.Norm;
import org.elman.ops.Pool;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden values from {@code src/test/python/gen_layer_fixtures.py}: numpy float64 forward passes
 * written from the definitions, and gradients of {@code sum(y * seed)} by float64 finite
 * differences, so the Java backward rules are checked against no shared derivation.
 */
class LayerFixtureTest {
    private static final float TOL = 2e-5f;
    private static JsonNode doc;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = LayerFixtureTest.class.getResourceAsStream("/fixtures/layers/layers.json")) {
            assertNotNull(in, "fixture missing: run src/test/python/gen_layer_fixtures.py");
            doc = new ObjectMapper().readTree(in);
        }
    }

    private static Tensor tensor(JsonNode t) {
        int[] shape = new int[t.get("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = t.get("shape").get(i).asInt();
        float[] data = new float[t.get("data").size()];
        for (int i = 0; i < data.length; i++) data[i] = (float) t.get("data").get(i).asDouble();
        return Tensor.of(data, shape);
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    /** Runs the op on the fixture's inputs (in file order) and compares output and every gradient. */
    private static void check(String name, Function<Map<String, Tensor>, Tensor> op) {
        JsonNode c = doc.get(name);
        Map<String, Tensor> in = new LinkedHashMap<>();
        c.get("inputs").fields().forEachRemaining(e -> in.put(e.getKey(), tensor(e.getValue()).requiresGrad(true)));
        Tensor y = op.apply(in);
        Tensor expected = tensor(c.get("output"));
        assertArrayEquals(expected.shape(), y.shape(), name + " output shape");
        assertArrayEquals(expected.toArray(), y.toArray(), TOL, name + " output");
        y.mul(tensor(c.get("seed"))).sum().backward();
        c.get("grads").fields().forEachRemaining(e ->
                assertArrayEquals(tensor(e.getValue()).toArray(), in.get(e.getKey()).grad().toArray(), TOL, name + " grad of " + e.getKey()));
    }

    @Test
    void conv2dWithStridePaddingDilation() {
        JsonNode cfg = doc.get("conv2d").get("config");
        int[] s = ints(cfg.get("stride"));
        int[] p = ints(cfg.get("padding"));
        int[] d = ints(cfg.get("dilation"));
        check("conv2d", in -> {
            int[] ks = in.get("weight").shape();
            Window2d w = new Window2d(ks[2], ks[3], s[0], s[1], p[0], p[1], d[0], d[1]);
            return Conv.conv2d(in.get("x"), in.get("weight"), in.get("bias"), w);
        });
    }

    @Test
    void tdnnWithUnevenOffsetsAndStride() {
        for (String name : new String[] {"tdnn_padded", "tdnn_valid"}) {
            JsonNode cfg = doc.get(name).get("config");
            TimeContext ctx = new TimeContext(ints(cfg.get("offsets")), cfg.get("stride").asInt(), cfg.get("padded").asBoolean());
            check(name, in -> Conv.conv1dTime(in.get("x"), in.get("weight"), in.get("bias"), ctx));
        }
    }

    @Test
    void poolingWithPadding() {
        Window2d w = Window2d.square(3, 2, 1, 1);
        check("max_pool", in -> Pool.maxPool2d(in.get("x"), w));
        check("avg_pool_exclude_pad", in -> Pool.avgPool2d(in.get("x"), w, false));
    }

    @Test
    void batchNormTrainingAndRunningStatistics() {
        check("batch_norm_train", in -> Norm.batchNormTrain(in.get("x"), Norm.ChannelLayout.lastAxis(in.get("x").shape()),
                in.get("weight"), in.get("bias"), 1e-5f, new float[4], new float[4]));
        JsonNode c = doc.get("batch_norm_train");
        BatchNorm bn = BatchNorm.builder().setNumFeatures(4).build();
        bn.forward(tensor(c.get("inputs").get("x")));
        bn.forward(tensor(c.get("second_batch")));
        assertArrayEquals(tensor(c.get("running_mean")).toArray(), bn.runningMean().toArray(), 1e-6f);
        assertArrayEquals(tensor(c.get("running_var")).toArray(), bn.runningVar().toArray(), 1e-5f);
    }

    @Test
    void layerNorm() {
        check("layer_norm", in -> Norm.layerNorm(in.get("x"), in.get("weight"), in.get("bias"), 1e-5f));
    }

    @Test
    void crossEntropyWithIgnoreMaskAndSmoothing() {
        JsonNode cfg = doc.get("cross_entropy").get("config");
        float[] mask = new float[cfg.get("mask").size()];
        for (int i = 0; i < mask.length; i++) mask[i] = (float) cfg.get("mask").get(i).asDouble();
        CrossEntropy ce = CrossEntropy.builder().optIgnoreIndex(cfg.get("ignore_index").asInt())
                .optLabelSmoothing((float) cfg.get("label_smoothing").asDouble()).build();
        check("cross_entropy", in -> ce.compute(in.get("logits"), ints(cfg.get("targets")), Tensor.of(mask, 3, 2)));
        assertEquals("mean", cfg.get("reduction").asText());
    }
}
