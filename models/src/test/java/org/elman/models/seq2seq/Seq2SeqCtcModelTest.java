package org.elman.models.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.elman.audio.feature.FrontendConfig;
import org.elman.autograd.GradCheck;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.AcousticOutput;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.YesNoFixtures;
import org.elman.optim.Adam;
import org.elman.optim.GradClip;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Seq2SeqCtcModelTest {
    @TempDir
    Path tmp;

    private static Seq2SeqCtcModel.Builder tiny() {
        return Seq2SeqCtcModel.builder().setInputDim(3).setVocabSize(4).optEncoderDim(2).optEncoderLayers(1).optStack(2)
                .optDecoderDim(3).optEmbedDim(2).optAttentionDim(3).optSeed(1);
    }

    @Test
    void ctcBranchShapesAndLossMix() {
        Seq2SeqCtcModel m = tiny().optCtcWeight(0.25f).build();
        Tensor x = Tensor.randn(new Random(1), 9, 2, 3);
        AcousticOutput out = m.forward(x, new int[] {9, 4});
        assertArrayEquals(new int[] {5, 2, 4}, out.logProbs().shape());
        assertArrayEquals(new int[] {5, 2}, out.lengths());
        assertFalse(m.isStreaming());
        Seq2SeqCtcModel.Losses l = m.losses(x, new int[] {9, 4}, new int[][] {{1, 2, 3}, {2}});
        assertEquals(0.25 * l.ctc().item() + 0.75 * l.attention().item(), l.total().item(), 1e-5);
        assertTrue(l.ctc().item() > 0 && l.attention().item() > 0);
        Seq2SeqCtcModel ctcOnly = tiny().optCtcWeight(1f).build();
        Seq2SeqCtcModel.Losses c = ctcOnly.losses(x, new int[] {9, 4}, new int[][] {{1, 2, 3}, {2}});
        assertEquals(c.ctc().item(), c.total().item(), 1e-6);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Seq2SeqCtcModel m = tiny().optCtcWeight(0.5f).build();
        Tensor x = Tensor.randn(new Random(2), 6, 2, 3);
        int[] lens = {6, 5};
        int[][] targets = {{1, 2}, {3}};
        GradCheck.Result r = GradCheck.check(() -> m.losses(x, lens, targets).total(), m.parameters(), 1e-2f);
        assertTrue(r.passed(3e-2), r.toString());
    }

    @Test
    void configRoundTripAndErrors() {
        Seq2SeqCtcModel m = tiny().build();
        Map<String, String> c = m.config();
        assertEquals(c, Seq2SeqCtcModel.fromConfig(c).config());
        Map<String, String> bad = new HashMap<>(c);
        bad.put("ctc_weight", "1.5");
        assertThrows(IllegalArgumentException.class, () -> Seq2SeqCtcModel.fromConfig(bad));
        bad.remove("ctc_weight");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Seq2SeqCtcModel.fromConfig(bad)).getMessage().contains("ctc_weight"));
        assertThrows(IllegalArgumentException.class, () -> new JointBeamSearch(m, 0, 0.3f));
        assertThrows(IllegalArgumentException.class, () -> new JointBeamSearch(m, 2, -0.1f));
        assertThrows(IllegalArgumentException.class, () -> m.losses(Tensor.zeros(4, 2, 3), null, new int[][] {{1}}));
    }

    /**
     * Trains on the yes/no fixtures (three voices) and decodes the training words and the held-out
     * voice with joint CTC/attention search (no word list) at 0 % WER.
     */
    @Test
    void learnsYesNoAndJointSearchDecodesIt() throws Exception {
        CharTokenizer tok = new CharTokenizer("denopsuwy");
        FrontendConfig fe = FrontendConfig.builder().optNumMelBins(40).build();
        Seq2SeqCtcModel m = Seq2SeqCtcModel.builder().setInputDim(40).setVocabSize(tok.size()).optEncoderDim(32)
                .optEncoderLayers(1).optStack(3).optDecoderDim(32).optEmbedDim(8).optAttentionDim(16).optCtcWeight(0.3f).optSeed(3).build();
        Recognizer front = Recognizer.builder().setModel(m).setTokenizer(tok).optFrontend(fe).build();
        YesNoFixtures.Data d = YesNoFixtures.load(front);
        List<Tensor> train = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < d.texts().size(); i++) {
            if (d.speakers().get(i).equals(YesNoFixtures.HELD_OUT)) continue;
            train.add(d.features().get(i));
            targets.add(tok.encode(d.texts().get(i)));
            refs.add(d.texts().get(i));
        }
        int[] lengths = new int[train.size()];
        Tensor x = YesNoFixtures.batch(train, lengths);
        Adam opt = Adam.builder().setParams(m.parameters()).setLr(5e-3).build();
        long start = System.nanoTime();
        Seq2SeqCtcModel.Losses l = null;
        for (int step = 0; step < 120; step++) {
            m.train();
            opt.zeroGrad();
            l = m.losses(x, lengths, targets.toArray(new int[0][]));
            l.total().backward();
            GradClip.byNorm(m.parameters(), 5.0);
            opt.step();
        }
        System.out.printf("yes/no seq2seq: CTC %.4f attention %.4f after 120 steps, %.1f s%n",
                l.ctc().item(), l.attention().item(), (System.nanoTime() - start) / 1e9);
        JointBeamSearch search = new JointBeamSearch(m, 3, 0.3f);
        List<String> hyps = new ArrayList<>();
        for (Tensor f : train) {
            JointBeamSearch.Result r = search.decode(f);
            hyps.add(tok.decode(r.tokens()));
            assertEquals(r.tokens().length + 1, r.attention().length, "one attention row per token and the end");
            for (float[] row : r.attention()) {
                assertEquals(m.outputLength(f.size(0)), row.length);
                double sum = 0;
                for (float a : row) sum += a;
                assertEquals(1.0, sum, 1e-4);
            }
        }
        assertEquals(0.0, YesNoFixtures.wer(refs, hyps), "joint search hypotheses " + hyps);
        List<String> heldRefs = new ArrayList<>();
        List<String> heldHyps = new ArrayList<>();
        for (int i = 0; i < d.texts().size(); i++) {
            if (!d.speakers().get(i).equals(YesNoFixtures.HELD_OUT)) continue;
            heldRefs.add(d.texts().get(i));
            heldHyps.add(tok.decode(search.decode(d.features().get(i)).tokens()));
        }
        assertEquals(0.0, YesNoFixtures.wer(heldRefs, heldHyps), "held-out voice, joint search hypotheses " + heldHyps);
        Recognizer joint = Recognizer.builder().setModel(m).setTokenizer(tok).optFrontend(fe).optBeamWidth(3).optJointCtcWeight(0.3f).build();
        Path file = tmp.resolve("s2s.safetensors");
        ModelFiles.save(file, joint);
        Recognizer reloaded = ModelFiles.load(file).recognizer();
        assertEquals("0.3", reloaded.decodingDefaults().get(Recognizer.KEY_JOINT_CTC_WEIGHT));
        for (int i = 0; i < d.texts().size(); i++) {
            assertEquals(d.texts().get(i), reloaded.recognizeFeatures(d.features().get(i)).text(), "reloaded joint recognizer");
        }
    }
}
