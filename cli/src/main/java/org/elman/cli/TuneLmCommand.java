package org.elman.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elman.audio.io.AudioInput;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.GreedyDecoder;
import org.elman.ctc.decode.Hypothesis;
import org.elman.ctc.decode.TokenTable;
import org.elman.ctc.score.ErrorRate;
import org.elman.ctc.score.TextNormalizer;
import org.elman.models.data.Utterance;
import org.elman.models.speech.Recognizer;
import org.elman.tensor.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elman tune-lm}: the word-LM weight and word bonus by grid search on a dev set. The
 * acoustic model runs once per utterance; each (alpha, beta) cell then only repeats the beam
 * search over the stored log-probabilities, so a grid of 20 cells costs a fraction of 20 {@code
 * eval} runs. Prints WER and CER per cell and the best cell (the first in grid order on ties).
 */
@Command(name = "tune-lm", mixinStandardHelpOptions = true,
        description = {"Grid-searches the LM weight (--alphas) and word bonus (--betas) on a data set.",
            "DATA is a Kaldi data directory or NeMo manifest. Runs the model once, then the beam search per",
            "cell; prints WER/CER per cell and the best."})
final class TuneLmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "Speech model file. Default: the bundled model (and its LM).")
    Path model;

    @Mixin
    SearchOptions search = new SearchOptions();

    @Option(names = "--alphas", paramLabel = "A", split = ",", description = "LM weights to try (default: --alpha).")
    List<Double> alphas = new ArrayList<>();

    @Option(names = "--betas", paramLabel = "B", split = ",", description = "Word bonuses to try (default: --beta).")
    List<Double> betas = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Threads (default 1).")
    int workers;

    @Parameters(index = "0", paramLabel = "DATA", description = "Kaldi data directory or NeMo manifest (a dev set: never the test set).")
    Path data;

    @Override
    public Integer call() throws Exception {
        validate();
        List<Utterance> utts = EvalCommand.utterances(data);
        if (utts.isEmpty()) throw new CliException(data + ": no utterances");
        Path modelFile = DecodeSettings.modelFile(model, search);
        if (!search.hasLm()) throw usage("tune-lm needs a word LM: give --lm FILE (the default model brings its own)");
        Recognizer first = DecodeSettings.load(modelFile).recognizer();
        Path base = Files.isDirectory(data) ? data : data.toAbsolutePath().getParent();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Tensor> logProbs = acousticPass(pool, utts, base, modelFile, first);
            grid(pool, utts, logProbs, first);
        } finally {
            pool.shutdownNow();
        }
        return Elman.EXIT_OK;
    }

    private void validate() throws java.io.IOException {
        search.validate(spec.commandLine());
        if (workers < 1) throw usage("--workers must be >= 1, got " + workers);
        if (alphas.isEmpty()) alphas.add(search.alpha);
        if (betas.isEmpty()) betas.add(search.beta);
        for (double a : alphas) {
            if (!Double.isFinite(a)) throw usage("--alphas: " + a + " is not a finite number");
        }
        for (double b : betas) {
            if (!Double.isFinite(b)) throw usage("--betas: " + b + " is not a finite number");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Every utterance's {@code (T', V)} log-probabilities, each worker thread with its own copy of the model. */
    private List<Tensor> acousticPass(ExecutorService pool, List<Utterance> utts, Path base, Path modelFile, Recognizer first)
            throws InterruptedException {
        // the first thread to ask uses the model already loaded; every other one loads its own copy
        AtomicBoolean firstTaken = new AtomicBoolean();
        ThreadLocal<Recognizer> mine = ThreadLocal.withInitial(
                () -> firstTaken.getAndSet(true) ? DecodeSettings.load(modelFile).recognizer() : first);
        List<Callable<Tensor>> tasks = new ArrayList<>();
        for (Utterance u : utts) tasks.add(() -> logProbs(mine.get(), AudioJob.of(u, base)));
        return all(pool.invokeAll(tasks));
    }

    private static Tensor logProbs(Recognizer r, AudioJob job) {
        try (AudioInput in = job.open(r.frontend().sampleRateHz())) {
            return r.logProbs(r.features(in.readAll()));
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            String m = ErrorReporter.describe(e);
            throw new CliException(m.startsWith(job.source()) ? m : job.source() + ": " + m, e);
        }
    }

    /** Searches every cell over all utterances and prints a line per cell, then the best. */
    private void grid(ExecutorService pool, List<Utterance> utts, List<Tensor> logProbs, Recognizer r) throws InterruptedException {
        TokenTable tokens = Recognizer.tokenTable(r.tokenizer());
        PrintWriter out = spec.commandLine().getOut();
        double bestWer = Double.POSITIVE_INFINITY;
        String best = null;
        int beam = 0;
        for (double a : alphas) {
            for (double b : betas) {
                BeamSearchDecoder d = search.beamDecoder(tokens, r.decodingDefaults(), false, 1, SearchOptions.DEFAULT_LM_BEAM, a, b);
                beam = d.config().beamWidth();
                List<Callable<String>> tasks = new ArrayList<>();
                for (Tensor lp : logProbs) tasks.add(() -> text(d, lp, r));
                ScoreCommand.Counts c = score(utts, all(pool.invokeAll(tasks)));
                String cell = String.format(Locale.ROOT, "--alpha %s --beta %s", a, b);
                out.println(cell + "  " + ScoreCommand.rate("WER", c.words()) + "  " + ScoreCommand.rate("CER", c.chars()));
                out.flush();
                if (c.words().errorRate() < bestWer) {
                    bestWer = c.words().errorRate();
                    best = cell;
                }
            }
        }
        out.println(String.format(Locale.ROOT, "best: %s (WER %.2f %%, beam %d)", best, 100 * bestWer, beam));
        out.flush();
    }

    /** The best hypothesis's text, greedy when the search ends with none (as {@code eval} does). */
    private static String text(BeamSearchDecoder d, Tensor lp, Recognizer r) {
        FrameSource src = FrameSource.of(lp);
        List<Hypothesis> h = d.decode(src);
        Hypothesis best = h.isEmpty() ? new GreedyDecoder(d.config().tokens()).decode(src) : h.get(0);
        return r.tokenizer().decode(best.tokens()).strip();
    }

    private static ScoreCommand.Counts score(List<Utterance> utts, List<String> hyps) {
        ScoreCommand.Counts c = new ScoreCommand.Counts();
        TextNormalizer none = TextNormalizer.builder().build();
        for (int i = 0; i < utts.size(); i++) {
            c.words().add(ErrorRate.wer(utts.get(i).text(), hyps.get(i), none));
            c.chars().add(ErrorRate.cer(utts.get(i).text(), hyps.get(i), none, false));
        }
        return c;
    }

    /** The futures' values in order; the first failure is rethrown as it was. */
    private static <T> List<T> all(List<Future<T>> futures) throws InterruptedException {
        List<T> out = new ArrayList<>(futures.size());
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new CliException(ErrorReporter.describe(e.getCause()), e.getCause());
            }
        }
        return out;
    }
}
