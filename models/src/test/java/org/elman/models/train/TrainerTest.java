package org.elman.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.elman.audio.io.AudioFiles;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.Utterance;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.Recognizer;
import org.elman.tensor.Tensor;
import org.elman.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of the training pipeline on the committed yes/no fixtures. */
class TrainerTest {
    @TempDir
    Path tmp;

    private static Trainer.Result run(Path yaml, ByteArrayOutputStream log) throws Exception {
        return TrainCommand.run(yaml, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /**
     * N steps straight vs N/2 steps, stop, resume in fresh objects, N/2 more: bit-identical
     * weights, Adam state and log, with speed perturbation, telephone-band copies, gain changes and SpecAugment drawing from the
     * checkpointed random streams and an epoch boundary (validation) inside the second half. A
     * kill is simulated too: one more step (and a validation) is logged, then the older checkpoint
     * is put back, so the resumed run must drop those log rows and redo them. The second half runs
     * without the feature cache (features recomputed from audio must be the same).
     */
    @Test
    void resumeIsExact() throws Exception {
        TrainFixtures.writeDirs(tmp);
        String aug = "  batch_utterances: 4\n  spec_augment: true\n  speed_perturb: true\n  narrowband: 0.5\n  volume_perturb: true\n  checkpoint_every: 0\n"
                + "  schedule: step\n  step_size: 2\n  gamma: 0.7\n  max_steps: ";
        run(TrainFixtures.yaml(tmp, "a.yaml", TrainFixtures.tdnn("dev", "a", aug + "6\n")), new ByteArrayOutputStream());
        run(TrainFixtures.yaml(tmp, "b.yaml", TrainFixtures.tdnn("dev", "b", aug + "2\n")), new ByteArrayOutputStream());
        Path ck = tmp.resolve("b").resolve(Trainer.CHECKPOINT);
        Files.copy(ck, tmp.resolve("step2.safetensors"));
        run(TrainFixtures.yaml(tmp, "b.yaml", TrainFixtures.tdnn("dev", "b", aug + "3\n")), new ByteArrayOutputStream());
        assertTrue(Files.readString(tmp.resolve("b/train_log.csv")).contains("\n3,1,"), "step 3 logged before the 'kill'");
        Files.copy(tmp.resolve("step2.safetensors"), ck, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        Trainer.Result r = run(TrainFixtures.yaml(tmp, "b.yaml", TrainFixtures.tdnn("dev", "b", aug + "6\n  cache_features: false\n")),
                resumed);
        assertTrue(resumed.toString(StandardCharsets.UTF_8).contains("resuming at step 2"), resumed.toString());
        assertEquals(6, r.steps());
        Checkpoint a = Checkpoint.load(tmp.resolve("a").resolve(Trainer.CHECKPOINT));
        Checkpoint b = Checkpoint.load(tmp.resolve("b").resolve(Trainer.CHECKPOINT));
        assertEquals(6, a.step());
        assertSameTensors(a.modelState(), b.modelState());
        assertSameTensors(a.optimizerState().tensors(), b.optimizerState().tensors());
        assertEquals(a.metadata(), b.metadata());
        assertEquals(Files.readString(tmp.resolve("a/train_log.csv")), Files.readString(tmp.resolve("b/train_log.csv")));
    }

    /** Resumed on a training set of another size, the progress line counts the steps this run will really take. */
    @Test
    void progressCountsTheStepsLeftAfterResumingOnOtherData() throws Exception {
        TrainFixtures.writeDirs(tmp);
        String base = TrainFixtures.tdnn("dev", "c", "  batch_utterances: 4\n  checkpoint_every: 0\n  epochs: ").replace("log_every: 50", "log_every: 1");
        Trainer.Result first = run(TrainFixtures.yaml(tmp, "c1.yaml", base.replace("train: train", "train: dev") + "1\n"),
                new ByteArrayOutputStream());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer.Result second = run(TrainFixtures.yaml(tmp, "c2.yaml", base + "2\n"), log);
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("step ")).toList();
        assertTrue(second.steps() > first.steps() + 1, first + " then " + second);
        assertEquals(second.steps() - first.steps(), lines.size(), "one line per step: " + lines);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("step " + second.steps() + "/" + second.steps() + " [####################] 100% epoch 2 "), last);
        assertTrue(last.contains("ETA 0:00:00"), last);
    }

    private static void assertSameTensors(Map<String, Tensor> x, Map<String, Tensor> y) {
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) assertArrayEquals(x.get(k).toArray(), y.get(k).toArray(), 0f, k);
    }

    /** A small TDNN reaches 0 % WER on its training voices; logs, curves and models are written. */
    @Test
    void progressBarFillsWithTheSteps() {
        assertEquals("[....................]   0%", Trainer.bar(0, 200));
        assertEquals("[#####...............]  25%", Trainer.bar(50, 200));
        assertEquals("[###################.]  99%", Trainer.bar(199, 200));
        assertEquals("[####################] 100%", Trainer.bar(200, 200));
        assertEquals("[####################] 100%", Trainer.bar(250, 200), "past the end (a resumed run with more data)");
    }

    @Test
    void tdnnLearnsYesNo() throws Exception {
        TrainFixtures.writeDirs(tmp);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path yaml = TrainFixtures.yaml(tmp, "tdnn.yaml", TrainFixtures.tdnn("train", "exp",
                "  batch_utterances: 12\n  epochs: 120\n  patience: 30\n  checkpoint_every: 1000\n"));
        Trainer.Result r = run(yaml, log);
        String text = log.toString(StandardCharsets.UTF_8);
        System.out.println(text.lines().filter(l -> l.startsWith("step") || l.startsWith("done")).reduce("", (p, l) -> p + l + "\n"));
        assertEquals(0.0, r.bestDevWer(), text);
        assertTrue(r.stoppedEarly() && r.steps() < 120, "patience 30 stops well before 120 epochs: " + r);
        assertTrue(text.contains("frames/s ETA"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("step \\d+/\\d+ \\[[#.]{20}\\] +\\d+% epoch .*")), text);
        Path exp = tmp.resolve("exp");
        List<String> csv = Files.readAllLines(exp.resolve("train_log.csv"));
        assertEquals(TrainLog.HEADER, csv.get(0));
        assertEquals(r.steps() + r.epochs(), csv.size() - 1, "one row per step and per validation");
        assertTrue(csv.get(1).startsWith("1,1,"), csv.get(1));
        assertNotNull(ImageIO.read(exp.resolve("curves.png").toFile()));
        Recognizer best = ModelFiles.load(exp.resolve("best.safetensors")).recognizer();
        for (Utterance u : KaldiDataDir.read(tmp.resolve("train"))) {
            assertEquals(u.text(), best.recognize(AudioFiles.read(u.audio(), 16000)).text(), u.id());
        }
    }

    /** The hybrid CTC/attention model trains through the same loop and draws its alignment. */
    @Test
    void seq2seqWritesAttentionPlot() throws Exception {
        TrainFixtures.writeDirs(tmp);
        String yaml = TrainFixtures.tdnn("dev", "s2s", "  batch_utterances: 6\n  epochs: 1\n")
                .replace("architecture: tdnn\n  hidden_dim: 32", "architecture: ctc_attention\n  encoder_dim: 16\n  encoder_layers: 1\n"
                        + "  stack: 3\n  decoder_dim: 16\n  embed_dim: 8\n  attention_dim: 16");
        Trainer.Result r = run(TrainFixtures.yaml(tmp, "s2s.yaml", yaml), new ByteArrayOutputStream());
        assertEquals(2, r.steps());
        assertNotNull(ImageIO.read(tmp.resolve("s2s/attention.png").toFile()));
        assertNotNull(ModelFiles.load(tmp.resolve("s2s/best.safetensors")).recognizer());
    }

    /** NeMo manifests as data and a word tokenizer built from the training transcripts. */
    @Test
    void manifestDataAndWordTokenizer() throws Exception {
        TrainFixtures.writeDirs(tmp);
        for (String set : new String[] {"train", "dev"}) {
            List<Utterance> withEnd = new java.util.ArrayList<>();
            for (Utterance u : KaldiDataDir.read(tmp.resolve(set))) {
                double seconds = AudioFiles.read(u.audio(), 16000).durationSeconds();
                withEnd.add(new Utterance(u.id(), u.speaker(), u.audio(), 0, seconds, u.text()));
            }
            org.elman.models.data.NemoManifest.write(tmp.resolve(set + ".jsonl"), withEnd);
        }
        String yaml = TrainFixtures.tdnn("dev.jsonl", "words", "  batch_utterances: 12\n  epochs: 2\n")
                .replace("train: train", "train: train.jsonl").replace("type: char\n  symbols: denopsuwy", "type: word");
        Trainer.Result r = run(TrainFixtures.yaml(tmp, "words.yaml", yaml), new ByteArrayOutputStream());
        assertEquals(2, r.steps());
        ModelFiles.Loaded m = ModelFiles.load(tmp.resolve("words/final.safetensors"));
        assertEquals(m.model().vocabSize(), m.tokenizer().size());
        assertEquals(List.of("yes"), List.of(m.tokenizer().decode(m.tokenizer().encode("yes"))));
    }
}
