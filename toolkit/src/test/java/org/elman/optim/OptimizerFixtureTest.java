package org.elman.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Compares the optimisers with an independent float64 numpy implementation of PyTorch's documented
 * update equations ({@code src/test/python/gen_optim_fixtures.py}, output committed as
 * {@code optim_fixtures.json}).
 */
class OptimizerFixtureTest {
    @Test
    void everyCaseMatchesTheReferenceEquations() throws IOException {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("optim_fixtures.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        float[] p0 = floats(doc.get("param"));
        int cases = 0;
        for (JsonNode c : doc.get("cases")) {
            Tensor p = Tensor.of(p0.clone(), p0.length).requiresGrad(true);
            Optimizer opt = build(c.get("config"), List.of(p));
            int step = 0;
            for (JsonNode g : doc.get("grads")) {
                p.setGrad(Tensor.of(floats(g), p0.length));
                opt.step();
                float[] expected = floats(c.get("expected").get(step));
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], p.get(i), 2e-6 + 2e-6 * Math.abs(expected[i]),
                            c.get("name").asText() + " step " + (step + 1) + " element " + i);
                }
                step++;
            }
            cases++;
        }
        assertTrue(cases >= 9, "fixture file holds " + cases + " cases");
    }

    private static Optimizer build(JsonNode cfg, List<Tensor> params) {
        double lr = cfg.get("lr").asDouble();
        String kind = cfg.get("kind").asText();
        if (kind.equals("sgd")) {
            return Sgd.builder().setParams(params).setLr(lr)
                    .optMomentum(cfg.path("momentum").asDouble(0))
                    .optDampening(cfg.path("dampening").asDouble(0))
                    .optNesterov(cfg.path("nesterov").asBoolean(false))
                    .optWeightDecay(cfg.path("weight_decay").asDouble(0)).build();
        }
        AbstractAdam.Builder<?> b = kind.equals("adam") ? Adam.builder() : AdamW.builder();
        return b.setParams(params).setLr(lr)
                .optBetas(cfg.path("beta1").asDouble(0.9), cfg.path("beta2").asDouble(0.999))
                .optEps(cfg.path("eps").asDouble(1e-8))
                .optWeightDecay(cfg.path("weight_decay").asDouble(kind.equals("adam") ? 0 : 0.01))
                .optAmsgrad(cfg.path("amsgrad").asBoolean(false)).build();
    }

    private static float[] floats(JsonNode arr) {
        float[] out = new float[arr.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) arr.get(i).asDouble();
        return out;
    }
}
