package org.elman.models.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elman.audio.augment.SpecAugment;
import org.elman.audio.augment.SpeedPerturb;
import org.elman.audio.feature.FeatureMatrix;
import org.elman.ctc.CtcLoss;
import org.elman.ctc.CtcOptions;
import org.elman.models.data.Utterance;
import org.elman.models.data.token.Tokenizer;
import org.elman.models.io.ModelFiles;
import org.elman.models.seq2seq.Seq2SeqCtcModel;
import org.elman.models.speech.AcousticModel;
import org.elman.models.speech.AcousticOutput;
import org.elman.models.speech.Recognizer;
import org.elman.optim.Adam;
import org.elman.optim.GradClip;
import org.elman.optim.LrSchedule;
import org.elman.optim.NoamLr;
import org.elman.optim.Optimizer;
import org.elman.optim.StepLr;
import org.elman.optim.WarmupCosineLr;
import org.elman.tensor.Sequences;
import org.elman.tensor.Tensor;
import org.elman.train.Checkpoint;
import org.elman.train.Rng;
import org.elman.train.Seeds;

/**
 * Trains a speech model from a {@link TrainConfig}: length-bucketed batches in a seeded order per
 * epoch, padded {@code (T, N, F)} batches with lengths, optional speed perturbation and
 * SpecAugment, CTC loss (the hybrid CTC/attention loss for {@code ctc_attention}), gradient-norm
 * clipping, Adam with the configured schedule, greedy-decoding dev WER/CER after each epoch,
 * {@code best.safetensors} on each better dev WER, early stopping, and checkpoints.
 *
 * <p>Files in the output folder: {@code checkpoint.safetensors} (every {@code checkpoint_every}
 * steps, at each epoch end and when stopping; written atomically), {@code best.safetensors} and
 * {@code final.safetensors} ({@link ModelFiles}), {@code train_log.csv} ({@link TrainLog}),
 * {@code curves.png}, and for {@code ctc_attention} {@code attention.png} (the first dev
 * utterance's alignment).
 *
 * <p>Exact resume: the checkpoint holds the weights (batch-norm statistics included), Adam's
 * state, the step, the position in the epoch and the random streams of augmentation; the epoch's
 * batch order depends on (seed, epoch) only. A run killed and resumed therefore ends with
 * bit-identical weights to an uninterrupted one. Not covered: dropout inside {@code lstm_ctc}
 * (the model draws it from its own generator), so use {@code dropout: 0} where exactness matters.
 */
public final class Trainer {
    static final String CHECKPOINT = "checkpoint.safetensors";
    /** Volume perturbation: a gain drawn uniformly in decibels from this range per utterance and epoch. */
    static final double VOLUME_MIN_DB = -20;
    static final double VOLUME_MAX_DB = 6;
    private static final CtcOptions CTC = CtcOptions.builder().optBlank(0).optZeroInfinity(true)
            .optInput(CtcOptions.Input.LOG_PROBS).optReduction(CtcOptions.Reduction.MEAN).build();

    /** What a run ended with. */
    public record Result(long steps, int epochs, double bestDevWer, double bestDevCer, boolean stoppedEarly, Path outputDir) {}

    private final TrainConfig cfg;
    private final TrainConfig.Training t;
    private final PrintStream out;
    private final Tokenizer tokenizer;
    private final AcousticModel model;
    private final Recognizer recognizer;
    private final SpeechData train;
    private final SpeechData dev;
    private final List<int[]> batches;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final Seeds seeds;
    private final SpecAugment specAugment;
    private final TrainLog log;
    private final long totalSteps;
    private long step;
    private int epoch;
    private int batchInEpoch;
    private double bestWer = Double.NaN;
    private double bestCer = Double.NaN;
    private int badEpochs;

    /** Loads the data (features cached in memory) and builds the model and optimiser. */
    public Trainer(TrainConfig cfg, PrintStream out) throws IOException {
        this.cfg = cfg;
        this.t = cfg.training();
        this.out = out;
        List<Utterance> trainList = SpeechData.list(cfg.train());
        this.tokenizer = cfg.tokenizer(trainList.stream().map(Utterance::text).toList());
        this.model = cfg.buildModel(tokenizer.size());
        this.recognizer = Recognizer.builder().setModel(model).setTokenizer(tokenizer).optFrontend(cfg.frontend())
                .optUtteranceCmvn(t.utteranceCmvn()).build();
        this.train = SpeechData.load(trainList, recognizer, tokenizer, t.cacheFeatures(), t.speedPerturb());
        this.dev = SpeechData.load(SpeechData.list(List.of(cfg.dev())), recognizer, tokenizer, t.cacheFeatures(), false);
        this.batches = LengthBuckets.make(train.lengths(), t.batchUtterances(), t.batchFrames());
        long all = (long) t.epochs() * batches.size();
        this.totalSteps = t.maxSteps() > 0 ? Math.min(t.maxSteps(), all) : all;
        this.optimizer = Adam.builder().setParams(model.parameters()).setLr(t.lr()).build();
        this.schedule = schedule();
        this.seeds = new Seeds(t.seed());
        int f = cfg.frontend().featureDim();
        this.specAugment = SpecAugment.builder().optFreqMasks(2, Math.max(1, Math.min(27, f / 4)))
                .optTimeMasks(2, 40, 0.2).build();
        this.log = new TrainLog(t.outputDir().resolve("train_log.csv"));
    }

    private LrSchedule schedule() {
        return switch (t.schedule()) {
            case "step" -> new StepLr(optimizer, t.stepSize(), t.gamma());
            case "cosine" -> new WarmupCosineLr(optimizer, t.warmupSteps(), Math.max(t.warmupSteps() + 1, totalSteps), t.minLr());
            case "noam" -> new NoamLr(optimizer, 1, t.warmupSteps(), t.lr());
            default -> null;
        };
    }

    /** Trains until the epochs or step limit are done or early stopping triggers. */
    public Result run() throws IOException {
        Files.createDirectories(t.outputDir());
        Path ck = t.outputDir().resolve(CHECKPOINT);
        boolean resumed = t.resume() && Files.exists(ck);
        if (resumed) restore(ck);
        log.open(resumed, step);
        out.printf(Locale.ROOT, "%s %s: %d train / %d dev utterances, %d batches per epoch, %d parameters, vocabulary %d%n",
                resumed ? "resuming at step " + step + " of" : "training", cfg.architecture(), train.size(), dev.size(),
                batches.size(), parameterCount(), tokenizer.size());
        boolean stoppedEarly = false;
        long start = System.nanoTime();
        long startStep = step;
        long frames = 0;
        while (epoch < t.epochs() && !stoppedEarly && !limitReached()) {
            int[] order = LengthBuckets.epochOrder(batches.size(), t.seed(), epoch);
            while (batchInEpoch < order.length && !limitReached()) {
                int[] batch = batches.get(order[batchInEpoch]);
                double[] lossNorm = trainStep(batch);
                batchInEpoch++;
                step++;
                for (int i : batch) frames += train.length(i);
                log.add(new TrainLog.Row(step, epoch + 1, lossNorm[0], optimizer.lr(), lossNorm[1], Double.NaN, Double.NaN));
                if (step % t.logEvery() == 0) progress(lossNorm[0], frames, start, startStep);
                if (t.checkpointEvery() > 0 && step % t.checkpointEvery() == 0) saveCheckpoint(ck);
            }
            if (batchInEpoch < order.length) break;   // step limit inside the epoch
            stoppedEarly = validate();
            epoch++;
            batchInEpoch = 0;
            saveCheckpoint(ck);
        }
        saveCheckpoint(ck);
        ModelFiles.save(t.outputDir().resolve("final.safetensors"), recognizer);
        Plots.curves(log.rows(), t.outputDir().resolve("curves.png"));
        out.printf(Locale.ROOT, "done: %d steps, %d epochs, best dev WER %.2f %% CER %.2f %%%s%n", step, epoch,
                100 * bestWer, 100 * bestCer, stoppedEarly ? " (early stop)" : "");
        return new Result(step, epoch, bestWer, bestCer, stoppedEarly, t.outputDir());
    }

    private boolean limitReached() {
        return t.maxSteps() > 0 && step >= t.maxSteps();
    }

    private long parameterCount() {
        long n = 0;
        for (Tensor p : model.parameters()) n += p.numel();
        return n;
    }

    /** One update; returns the loss and the gradient norm before clipping. */
    private double[] trainStep(int[] batch) {
        Rng speed = seeds.stream("speed");
        Rng spec = seeds.stream("specaugment");
        Rng band = seeds.stream("narrowband");
        Rng volume = seeds.stream("volume");
        List<Tensor> feats = new ArrayList<>();
        int[][] targets = new int[batch.length][];
        for (int k = 0; k < batch.length; k++) {
            int i = batch[k];
            double factor = t.speedPerturb() ? SpeedPerturb.DEFAULT_FACTORS[speed.nextInt(SpeedPerturb.DEFAULT_FACTORS.length)] : 1.0;
            boolean narrow = t.narrowband() > 0 && band.nextDouble() < t.narrowband();
            double gain = t.volumePerturb() ? Math.pow(10, (VOLUME_MIN_DB + (VOLUME_MAX_DB - VOLUME_MIN_DB) * volume.nextDouble()) / 20) : 1.0;
            Tensor x = train.features(i, factor, narrow, gain);
            if (t.specAugment()) {
                FeatureMatrix m = specAugment.apply(new FeatureMatrix(x.toArray(), x.size(0), x.size(1)), spec);
                x = m.toTensor();
            }
            feats.add(x);
            targets[k] = train.target(i);
        }
        int[] lengths = new int[batch.length];
        Tensor x = Sequences.padTimeMajor(feats, lengths);
        model.module().train();
        optimizer.zeroGrad();
        Tensor loss = loss(x, lengths, targets);
        loss.backward();
        List<Tensor> params = model.parameters();
        double norm = t.clipNorm() > 0 ? GradClip.byNorm(params, t.clipNorm()) : GradClip.globalNorm(params);
        optimizer.step();
        if (schedule != null) schedule.step();
        return new double[] {loss.item(), norm};
    }

    private Tensor loss(Tensor x, int[] lengths, int[][] targets) {
        if (model instanceof Seq2SeqCtcModel s) return s.losses(x, lengths, targets).total();
        AcousticOutput o = model.forward(x, lengths);
        int[] targetLengths = new int[targets.length];
        for (int i = 0; i < targets.length; i++) targetLengths[i] = targets[i].length;
        return CtcLoss.loss(o.logProbs(), o.lengths(), targets, targetLengths, CTC);
    }

    private void progress(double loss, long frames, long start, long startStep) {
        double secs = (System.nanoTime() - start) / 1e9;
        long done = step - startStep;
        long left = stepsLeft();
        long eta = done == 0 ? 0 : Math.round(secs / done * left);
        out.printf(Locale.ROOT, "step %d/%d %s epoch %d loss %.4f lr %.3g %.0f frames/s ETA %d:%02d:%02d%n", step, step + left,
                bar(step, step + left), epoch + 1, loss, optimizer.lr(), frames / Math.max(secs, 1e-9), eta / 3600, eta / 60 % 60, eta % 60);
    }

    /**
     * Updates still to run: the rest of this epoch and the epochs after it, at the current number
     * of batches per epoch, within {@code max_steps}. A run resumed on a different training set
     * ends after {@code epochs} all the same, while its learning-rate schedule keeps counting
     * {@code epochs} times the current batches ({@link #totalSteps}), so it need not reach its end.
     */
    private long stepsLeft() {
        long left = Math.max(0, (long) (t.epochs() - epoch) * batches.size() - batchInEpoch);
        return t.maxSteps() > 0 ? Math.min(left, Math.max(0, t.maxSteps() - step)) : left;
    }

    /** A 20-character bar and percentage of {@code done} out of {@code total}, e.g. {@code [#####...............]  25%}. */
    static String bar(long done, long total) {
        double f = total <= 0 ? 1 : Math.min(1, Math.max(0, (double) done / total));
        int filled = (int) Math.floor(f * 20);
        return "[" + "#".repeat(filled) + ".".repeat(20 - filled) + "] " + String.format(Locale.ROOT, "%3d%%", (int) Math.floor(f * 100));
    }

    /** Dev WER/CER; keeps the best model; returns true when early stopping triggers. */
    private boolean validate() throws IOException {
        DevScorer.Scores s = DevScorer.score(recognizer, dev);
        log.add(new TrainLog.Row(step, epoch + 1, Double.NaN, optimizer.lr(), Double.NaN, s.wer(), s.cer()));
        boolean better = Double.isNaN(bestWer) || s.wer() < bestWer || (s.wer() == bestWer && s.cer() < bestCer);
        if (better) {
            bestWer = s.wer();
            bestCer = s.cer();
            badEpochs = 0;
            ModelFiles.save(t.outputDir().resolve("best.safetensors"), recognizer);
        } else {
            badEpochs++;
        }
        out.printf(Locale.ROOT, "epoch %d: dev WER %.2f %% CER %.2f %%%s (e.g. \"%s\" -> \"%s\")%n", epoch + 1, 100 * s.wer(),
                100 * s.cer(), better ? " (best)" : "", dev.text(0), s.firstHypothesis());
        if (model instanceof Seq2SeqCtcModel s2s) DevScorer.attentionPlot(s2s, dev, t.outputDir().resolve("attention.png"));
        Plots.curves(log.rows(), t.outputDir().resolve("curves.png"));
        return t.patience() > 0 && badEpochs >= t.patience();
    }

    private void saveCheckpoint(Path file) throws IOException {
        Map<String, String> meta = Map.of("train.epoch", Integer.toString(epoch), "train.batch", Integer.toString(batchInEpoch),
                "train.best_wer", Double.toString(bestWer), "train.best_cer", Double.toString(bestCer),
                "train.bad_epochs", Integer.toString(badEpochs), "train.architecture", cfg.architecture());
        Checkpoint.capture(model.module(), optimizer, step, seeds, meta).save(file);
    }

    private void restore(Path file) throws IOException {
        Checkpoint c = Checkpoint.load(file);
        Map<String, String> m = c.metadata();
        if (!cfg.architecture().equals(m.get("train.architecture"))) {
            throw new IllegalArgumentException(file + " is a checkpoint of a " + m.get("train.architecture") + " model, the config trains "
                    + cfg.architecture() + " (remove it or use another output_dir)");
        }
        c.restore(model.module(), optimizer, seeds);
        step = c.step();
        if (schedule != null) schedule.setStepCount(step);
        epoch = Integer.parseInt(m.get("train.epoch"));
        batchInEpoch = Integer.parseInt(m.get("train.batch"));
        bestWer = Double.parseDouble(m.get("train.best_wer"));
        bestCer = Double.parseDouble(m.get("train.best_cer"));
        badEpochs = Integer.parseInt(m.get("train.bad_epochs"));
    }

    AcousticModel model() {
        return model;
    }
}
