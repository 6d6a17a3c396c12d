package org.elman.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @TempDir
    Path tmp;

    private String error(String yaml) throws Exception {
        Path f = TrainFixtures.yaml(tmp, "bad.yaml", yaml);
        TrainConfigException e = assertThrows(TrainConfigException.class, () -> TrainConfig.load(f));
        assertTrue(e.getMessage().contains("bad.yaml"), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static String base(String training) {
        return TrainFixtures.tdnn("dev", "exp", training);
    }

    @Test
    void readsAValidRecipeWithDefaults() throws Exception {
        Path f = TrainFixtures.yaml(tmp, "ok.yaml", base("  batch_frames: 4000\n  schedule: cosine\n  warmup_steps: 10\n"));
        TrainConfig c = TrainConfig.load(f);
        assertEquals(List.of(tmp.resolve("train")), c.train());
        assertEquals(tmp.resolve("exp"), c.training().outputDir());
        assertEquals(4000, c.training().batchFrames());
        assertEquals(0.003, c.training().lr(), 0);
        assertEquals(10, c.training().epochs());
        assertEquals(0, c.training().narrowband(), 0, "no telephone-band copies unless asked");
        assertEquals(40, c.frontend().numMelBins());
        assertEquals("32", c.modelConfig(11).get("hidden_dim"));
        assertEquals("40", c.modelConfig(11).get("input_dim"));
        assertEquals(org.elman.models.speech.TdnnModel.builder().setInputDim(40).setVocabSize(11).build().config().get("layers"),
                c.modelConfig(11).get("layers"), "omitted keys take the builder's defaults");
    }

    @Test
    void trainMayListSeveralSources() throws Exception {
        String two = base("").replace("  train: train\n", "  train: [train, /data/extra/train, more.jsonl]\n");
        TrainConfig c = TrainConfig.load(TrainFixtures.yaml(tmp, "two.yaml", two));
        assertEquals(List.of(tmp.resolve("train"), Path.of("/data/extra/train"), tmp.resolve("more.jsonl")), c.train());
        assertTrue(error(base("").replace("  train: train\n", "  train: []\n")).contains("data.train must not be an empty list"));
        assertTrue(error(base("").replace("  train: train\n", "  train: [[a]]\n")).contains("data.train must list single values"));
        assertTrue(error(base("").replace("  train: train\n", "  train: {a: 1}\n")).contains("data.train must be a value or a list"));
        assertTrue(error(base("").replace("  train: train\n", "")).contains("data.train is required"));
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        assertTrue(error(base("  lrr: 0.1\n")).contains("training.lrr"));
        assertTrue(error(base("  epochs: many\n")).contains("training.epochs must be an integer"));
        assertTrue(error(base("  epochs: 0\n")).contains("training.epochs must be in [1,"));
        assertTrue(error(base("  lr: -1\n")).contains("training.lr"));
        assertTrue(error(base("  spec_augment: 1\n")).contains("training.spec_augment must be true or false"));
        assertTrue(error(base("  narrowband: 1.5\n")).contains("training.narrowband"));
        assertTrue(error(base("  volume_perturb: loud\n")).contains("training.volume_perturb must be true or false"));
        assertTrue(error(base("  schedule: linear\n")).contains("training.schedule must be one of"));
        assertTrue(error(base("  schedule: noam\n")).contains("training.warmup_steps"));
        assertTrue(error(base("") + "extra:\n  a: 1\n").contains("unknown section 'extra'"));
        assertTrue(error(base("").replace("  dev: dev\n", "")).contains("data.dev is required"));
        assertTrue(error(base("").replace("  output_dir: exp\n", "")).contains("training.output_dir is required"));
        assertTrue(error(base("").replace("tdnn", "transformer")).contains("model.architecture must be one of"));
        assertTrue(error(base("").replace("hidden_dim: 32", "hidden_dim: big")).contains("hidden_dim"));
        assertTrue(error(base("").replace("hidden_dim: 32", "hidden_size: 32")).contains("hidden_size"));
        assertTrue(error(base("").replace("hidden_dim: 32", "input_dim: 32")).contains("model.input_dim is set from"));
        assertTrue(error(base("").replace("numMelBins", "melBins")).contains("melBins"));
        assertTrue(error(base("").replace("symbols: denopsuwy", "symbols: dd")).contains("tokenizer.symbols"));
        assertTrue(error("data: [1, 2]\n").contains("data must be a mapping"));
        assertTrue(error("data: {train: [a\n").contains("not valid YAML"));
    }

    @Test
    void recipeConfigsAreValid() throws Exception {
        List<Path> files;
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(Path.of("../recipes/synth-en/conf"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 9, files.toString());
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".yaml", "");
            TrainConfig c = TrainConfig.load(file);
            assertEquals(80, c.frontend().numMelBins(), name);
            String corpus = name.startsWith("default-seed") ? "/data/synth-en-" + name.substring("default-".length()) : "/data/synth-en";
            assertEquals(List.of(Path.of(corpus, "train")), c.train(), name);
        }
    }
}
