package org.elman.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.elman.audio.feature.FrontendConfig;
import org.elman.autograd.GradMode;
import org.elman.io.SafeTensors;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.seq2seq.Seq2SeqCtcModel;
import org.elman.models.speech.AcousticModel;
import org.elman.models.speech.BiLstmCtcModel;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    private static final CharTokenizer TOK = new CharTokenizer("abc");
    private static final FrontendConfig FE = FrontendConfig.builder().optNumMelBins(6).optFrameShiftMs(12).build();

    private static List<AcousticModel> models() {
        return List.of(
                TdnnModel.builder().setInputDim(6).setVocabSize(5).optHiddenDim(4).optSeed(1).build(),
                BiLstmCtcModel.builder().setInputDim(6).setVocabSize(5).optHiddenDim(3).optLayers(2).optStack(2).optSeed(2).build(),
                BiLstmCtcModel.builder().setInputDim(6).setVocabSize(5).optHiddenDim(3).optLayers(1).optFront("conv2d")
                        .optConvChannels(2).optBidirectional(false).optSeed(3).build(),
                Seq2SeqCtcModel.builder().setInputDim(6).setVocabSize(5).optEncoderDim(3).optEncoderLayers(1).optDecoderDim(3)
                        .optEmbedDim(2).optAttentionDim(3).optCtcWeight(0.4f).optSeed(4).build());
    }

    private static Tensor run(AcousticModel m, Tensor x) {
        m.module().eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return m.forward(x, new int[] {11, 7}).logProbs();
        }
    }

    @Test
    void roundTripRebuildsTheSameModel() throws Exception {
        Tensor x = Tensor.randn(new Random(9), 11, 2, 6);
        int i = 0;
        for (AcousticModel m : models()) {
            if (m instanceof TdnnModel) {   // non-trivial batch-norm statistics
                m.module().train();
                m.forward(x, null);
            }
            Recognizer r = Recognizer.builder().setModel(m).setTokenizer(TOK).optFrontend(FE).optBeamWidth(3)
                    .optLexicon(List.of("ab", "cab")).optUtteranceCmvn(false).build();
            Path f = dir.resolve("m" + i++ + ".safetensors");
            ModelFiles.save(f, r);
            ModelFiles.Loaded loaded = ModelFiles.load(f);
            assertEquals(m.config(), loaded.model().config());
            assertEquals(FE, loaded.frontend());
            assertEquals(TOK.metadata(), loaded.tokenizer().metadata());
            assertEquals(r.decodingDefaults(), loaded.recognizer().decodingDefaults());
            assertArrayEquals(run(m, x).toArray(), run(loaded.model(), x).toArray(), 0f, m.config().get("architecture"));
            Map<String, String> meta = SafeTensors.read(f).metadata();
            assertEquals(m.config().get("architecture"), meta.get("model.architecture"));
            assertEquals("6", meta.get("frontend.numMelBins"));
        }
    }

    /** Rewrites a saved file with changed metadata or tensors. */
    private Path tampered(String name, java.util.function.Consumer<Map<String, String>> meta,
                          java.util.function.Consumer<Map<String, Tensor>> tensors) throws Exception {
        Path good = dir.resolve("good.safetensors");
        ModelFiles.save(good, models().get(0), FE, TOK, Map.of());
        SafeTensors.Contents c = SafeTensors.read(good);
        Map<String, String> m = new LinkedHashMap<>(c.metadata());
        Map<String, Tensor> t = new LinkedHashMap<>(c.tensors());
        meta.accept(m);
        tensors.accept(t);
        Path f = dir.resolve(name);
        SafeTensors.write(f, t, m);
        return f;
    }

    private void assertFails(Path f, String... fragments) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        for (String s : fragments) assertTrue(e.getMessage().contains(s), "'" + s + "' not in: " + e.getMessage());
    }

    @Test
    void clearErrors() throws Exception {
        assertFails(tampered("a", m -> m.remove(ModelFiles.KEY_FORMAT), t -> { }), "elman.format");
        assertFails(tampered("b", m -> m.put(ModelFiles.KEY_FORMAT, "other-9"), t -> { }), "other-9");
        assertFails(tampered("c", m -> m.put("model.architecture", "transformer"), t -> { }), "unknown architecture 'transformer'", "tdnn");
        assertFails(tampered("d", m -> m.remove("model.hidden_dim"), t -> { }), "hidden_dim");
        assertFails(tampered("e", m -> m.put("model.colour", "red"), t -> { }), "colour");
        assertFails(tampered("f", m -> m.put("extra", "1"), t -> { }), "unknown metadata keys [extra]");
        assertFails(tampered("g", m -> m.remove("tokenizer.tokens"), t -> { }), "tokenizer.tokens");
        assertFails(tampered("h", m -> m.put("model.vocab_size", "7"), t -> { }), "tokenizer has 5 ids");
        assertFails(tampered("i", m -> { }, t -> t.put("output.weight", Tensor.zeros(5, 3))), "output.weight", "(5, 3)");
        assertFails(tampered("j", m -> { }, t -> t.remove("bn0.running_mean")), "missing tensor 'bn0.running_mean'");
        assertFails(tampered("k", m -> { }, t -> t.put("ghost", Tensor.zeros(1))), "unexpected tensor 'ghost'");
        assertFails(tampered("l", m -> m.put("frontend.numMelBins", "many"), t -> { }), "numMelBins");
        assertFails(tampered("m", m -> m.put("decode.beam_width", "wide"), t -> { }), "beam_width");
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(dir.resolve("x"), models().get(0), FE, new CharTokenizer("ab"), Map.of()));
    }
}
