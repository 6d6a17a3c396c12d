package org.elman.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.elman.ctc.score.EditAlignment;
import org.elman.ctc.score.ErrorRate;
import org.elman.ctc.score.TextNormalizer;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.NemoManifest;
import org.elman.models.data.Utterance;
import org.elman.models.io.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elman eval}: decodes every utterance of a Kaldi data directory or NeMo manifest (in
 * parallel) and scores the hypotheses against the transcripts: WER and CER with S/D/I counts,
 * overall and per speaker ({@code org.elman.ctc.score}, no normalisation unless asked).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measures WER and CER of a speech model on a Kaldi data directory or NeMo manifest.",
            "Decodes every utterance and prints WER and CER (with substitution, deletion and insertion",
            "counts) overall and per speaker, and the real-time factor."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DecodeSettings settings;

    @Parameters(index = "0", paramLabel = "DATA", description = "Kaldi data directory or NeMo manifest.")
    Path data;

    @Option(names = "--hyp-out", paramLabel = "FILE", description = "Write the hypotheses as '<utt-id> <text>' lines (Kaldi text layout).")
    Path hypOut;

    @Option(names = "--lowercase", description = "Lower-case references and hypotheses before scoring.")
    boolean lowercase;

    @Option(names = "--strip-punctuation", description = "Remove punctuation before scoring (apostrophes inside words stay).")
    boolean stripPunctuation;

    @Override
    public Integer call() throws Exception {
        settings.validate();
        List<Utterance> utts = utterances();
        if (utts.isEmpty()) throw new CliException(data + ": no utterances");
        Path modelFile = settings.modelFile();
        ModelFiles.Loaded loaded = DecodeSettings.load(modelFile);
        BatchTranscriber batch = new BatchTranscriber(modelFile, loaded, settings);
        Path base = Files.isDirectory(data) ? data : data.toAbsolutePath().getParent();
        Map<String, String> hyps = new TreeMap<>();
        List<RuntimeException> errors = new ArrayList<>();
        batch.run(TranscribeCommand.utterances(utts, base), settings.workers, (job, t, error) -> {
            if (error != null) errors.add(error);
            else hyps.put(job.id(), t.text());
        });
        if (!errors.isEmpty()) throw errors.get(0);
        if (hypOut != null) writeHypotheses(hyps);
        report(utts, hyps);
        spec.commandLine().getErr().println(batch.realTimeFactor(settings.workers, settings.lmFile()));
        spec.commandLine().getErr().flush();
        return Elman.EXIT_OK;
    }

    private List<Utterance> utterances() throws IOException {
        return utterances(data);
    }

    /** The utterances of a Kaldi data directory or NeMo manifest; errors name it. */
    static List<Utterance> utterances(Path data) throws IOException {
        if (!Files.exists(data)) throw new CliException(data + ": data not found");
        try {
            return Files.isDirectory(data) ? KaldiDataDir.read(data) : NemoManifest.read(data);
        } catch (IOException | IllegalArgumentException e) {
            String m = ErrorReporter.describe(e);
            throw new CliException(m.startsWith(data.toString()) ? m : data + ": " + m, e);
        }
    }

    private void writeHypotheses(Map<String, String> hyps) {
        StringBuilder sb = new StringBuilder();
        hyps.forEach((id, text) -> sb.append(id).append(' ').append(text).append('\n'));
        try {
            Files.writeString(hypOut, sb.toString());
        } catch (IOException e) {
            throw new CliException(hypOut + ": cannot write: " + ErrorReporter.describe(e), e);
        }
    }

    private void report(List<Utterance> utts, Map<String, String> hyps) {
        TextNormalizer norm = TextNormalizer.builder().optLowercase(lowercase).optStripPunctuation(stripPunctuation).build();
        ScoreCommand.Counts total = new ScoreCommand.Counts();
        Map<String, ScoreCommand.Counts> bySpeaker = new TreeMap<>();
        for (Utterance u : utts) {
            String h = hyps.get(u.id());
            EditAlignment w = ErrorRate.wer(u.text(), h, norm);
            EditAlignment c = ErrorRate.cer(u.text(), h, norm, false);
            for (ScoreCommand.Counts k : List.of(total, bySpeaker.computeIfAbsent(u.speaker(), s -> new ScoreCommand.Counts()))) {
                k.words().add(w);
                k.chars().add(c);
                k.utterances()[0]++;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(ScoreCommand.rate("WER", total.words()));
        out.println(ScoreCommand.rate("CER", total.chars()));
        out.println("utterances: " + total.utterances()[0] + ", speakers: " + bySpeaker.size());
        out.println("per speaker:");
        bySpeaker.forEach((s, k) -> out.println(String.format(java.util.Locale.ROOT, "  %-20s %4d utts  %s  %s", s,
                k.utterances()[0], ScoreCommand.rate("WER", k.words()), ScoreCommand.rate("CER", k.chars()))));
        out.flush();
    }
}
