package org.elman.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.elman.ctc.score.EditAlignment;
import org.elman.ctc.score.ErrorRate;
import org.elman.ctc.score.TextNormalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elman score}: word and character error rates of hypotheses against references, with
 * substitution, deletion and insertion counts ({@code org.elman.ctc.score}); the corpus rate is
 * total errors over total reference units.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Computes WER and CER of hypotheses against references, with S/D/I counts.",
            "Files hold '<utt-id> <words...>' lines (Kaldi text layout) matched by id, or plain lines",
            "matched by line number with --no-ids. A reference without a hypothesis is scored against an",
            "empty one (all deletions) and reported; a hypothesis id missing from the reference is an error.",
            "Rates are total errors over total reference words (characters), as Kaldi's compute-wer."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ref", paramLabel = "REF.txt", required = true, description = "Reference transcripts.")
    Path ref;

    @Option(names = "--hyp", paramLabel = "HYP.txt", required = true, description = "Hypothesis transcripts.")
    Path hyp;

    @Option(names = "--no-ids", description = "Files have no utterance ids; match lines by number.")
    boolean noIds;

    @Option(names = "--per-speaker", paramLabel = "utt2spk", description = "Also report rates per speaker (Kaldi utt2spk).")
    Path utt2spk;

    @Option(names = "--per-utterance", description = "Also print each utterance's WER and counts.")
    boolean perUtterance;

    @Option(names = "--lowercase", description = "Lower-case both texts before scoring.")
    boolean lowercase;

    @Option(names = "--strip-punctuation", description = "Remove punctuation (apostrophes inside words stay).")
    boolean stripPunctuation;

    @Option(names = "--cer-ignore-spaces", description = "Do not count spaces as characters in the CER.")
    boolean cerIgnoreSpaces;

    /** Word and character counts of one group of utterances. */
    record Counts(ErrorRate.Totals words, ErrorRate.Totals chars, int[] utterances) {
        Counts() {
            this(new ErrorRate.Totals(), new ErrorRate.Totals(), new int[1]);
        }
    }

    @Override
    public Integer call() throws IOException {
        Map<String, String> refs = Transcripts.read(ref, !noIds, "reference file");
        Map<String, String> hyps = Transcripts.read(hyp, !noIds, "hypothesis file");
        for (String id : hyps.keySet()) {
            if (!refs.containsKey(id)) throw new CliException(hyp + ": utterance '" + id + "' is not in the reference " + ref);
        }
        Map<String, String> speakers = utt2spk != null ? Transcripts.readUtt2Spk(utt2spk) : Map.of();
        TextNormalizer norm = TextNormalizer.builder().optLowercase(lowercase).optStripPunctuation(stripPunctuation).build();
        PrintWriter out = spec.commandLine().getOut();
        Counts total = new Counts();
        Map<String, Counts> bySpeaker = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : refs.entrySet()) {
            String id = e.getKey();
            String h = hyps.get(id);
            if (h == null) missing.add(id);
            EditAlignment w = ErrorRate.wer(e.getValue(), h == null ? "" : h, norm);
            EditAlignment c = ErrorRate.cer(e.getValue(), h == null ? "" : h, norm, cerIgnoreSpaces);
            add(total, w, c);
            if (utt2spk != null) add(bySpeaker.computeIfAbsent(speaker(speakers, id), k -> new Counts()), w, c);
            if (perUtterance) out.println(String.format(Locale.ROOT, "%-24s %s", id, rate("WER", w.errorRate() * 100,
                    w.referenceLength(), w.substitutions(), w.deletions(), w.insertions())));
        }
        printTotals(out, total, missing);
        if (utt2spk != null) printSpeakers(out, bySpeaker);
        out.flush();
        return Elman.EXIT_OK;
    }

    private String speaker(Map<String, String> speakers, String id) {
        String s = speakers.get(id);
        if (s == null) throw new CliException(utt2spk + ": utterance '" + id + "' of the reference has no speaker");
        return s.strip();
    }

    private static void add(Counts c, EditAlignment w, EditAlignment ch) {
        c.words().add(w);
        c.chars().add(ch);
        c.utterances()[0]++;
    }

    private void printTotals(PrintWriter out, Counts total, List<String> missing) {
        out.println(rate("WER", total.words()));
        out.println(rate("CER", total.chars()));
        out.println("utterances: " + total.utterances()[0] + (missing.isEmpty() ? "" : ", " + missing.size()
                + " without hypothesis (scored as empty): " + String.join(" ", missing.subList(0, Math.min(5, missing.size())))
                + (missing.size() > 5 ? " ..." : "")));
    }

    private static void printSpeakers(PrintWriter out, Map<String, Counts> bySpeaker) {
        out.println("per speaker:");
        for (Map.Entry<String, Counts> e : bySpeaker.entrySet()) {
            out.println(String.format(Locale.ROOT, "  %-20s %4d utts  %s", e.getKey(), e.getValue().utterances()[0],
                    rate("WER", e.getValue().words())));
        }
    }

    static String rate(String name, ErrorRate.Totals t) {
        return rate(name, t.errorRate() * 100, t.referenceUnits(), t.substitutions(), t.deletions(), t.insertions());
    }

    /** Kaldi compute-wer layout: {@code %WER 12.50 [ 1 / 8, 0 ins, 0 del, 1 sub ]}. */
    static String rate(String name, double percent, long n, long s, long d, long i) {
        return String.format(Locale.ROOT, "%%%s %.2f [ %d / %d, %d ins, %d del, %d sub ]", name, percent, s + d + i, n, i, d, s);
    }
}
