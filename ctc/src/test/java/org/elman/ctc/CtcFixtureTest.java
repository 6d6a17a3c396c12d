package org.elman.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Compares with the independent numpy reference in {@code src/test/python/gen_ctc_fixtures.py}. */
class CtcFixtureTest {
    @Test
    void matchesIndependentReference() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("ctc_fixtures.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            String name = c.get("name").asText();
            int frames = c.get("T").asInt();
            int batch = c.get("N").asInt();
            int vocab = c.get("V").asInt();
            Tensor x = Tensor.of(floats(c.get("logits")), frames, batch, vocab);
            int[] inLens = ints(c.get("input_lengths"));
            int[] tLens = ints(c.get("target_lengths"));
            int[][] targets = new int[batch][];
            for (int n = 0; n < batch; n++) targets[n] = ints(c.get("targets").get(n));
            CtcOptions sum = CtcOptions.builder().optBlank(c.get("blank").asInt()).optReduction(CtcOptions.Reduction.SUM).build();
            CtcResult r = CtcLoss.compute(x, inLens, targets, tLens, sum);
            for (int n = 0; n < batch; n++) {
                double expect = number(c.get("losses").get(n));
                if (Double.isInfinite(expect)) assertEquals(Float.POSITIVE_INFINITY, r.losses()[n], name);
                else assertEquals(expect, r.losses()[n], 1e-4 * Math.max(1, expect), name + " loss " + n);
            }
            float[] g = r.gradient().toArray();
            float[] expectG = floats(c.get("grad_sum"));
            for (int i = 0; i < g.length; i++) assertEquals(expectG[i], g[i], 1e-4, name + " grad " + i);
            double mean = number(c.get("mean_loss"));
            double got = CtcLoss.compute(x, inLens, targets, tLens, sum.withReduction(CtcOptions.Reduction.MEAN)).loss();
            if (Double.isInfinite(mean)) assertEquals(Double.POSITIVE_INFINITY, got);
            else assertEquals(mean, got, 1e-4 * Math.max(1, mean), name + " mean");
            checked++;
        }
        assertTrue(checked >= 5, "fixture file holds too few cases: " + checked);
    }

    private static double number(JsonNode n) {
        return n.isTextual() && n.asText().equals("inf") ? Double.POSITIVE_INFINITY : n.asDouble();
    }

    private static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
        return out;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }
}
