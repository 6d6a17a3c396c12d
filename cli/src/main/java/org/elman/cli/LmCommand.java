package org.elman.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elman.ctc.lm.ArpaLm;
import org.elman.ctc.lm.NgramLmBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code elman lm}: build, inspect and evaluate ARPA n-gram language models. */
@Command(name = "lm", mixinStandardHelpOptions = true, description = "N-gram language models (ARPA).",
        subcommands = {LmCommand.Build.class, LmCommand.Info.class, LmCommand.Score.class})
final class LmCommand extends CommandGroup {

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Builds an n-gram model (modified Kneser-Ney) from text and writes ARPA.",
                "The text has one sentence per line, words separated by spaces."})
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TEXT", description = "Training text, UTF-8.")
        Path text;

        @Option(names = "--order", paramLabel = "N", defaultValue = "3", description = "Model order, 1 to 5 (default: ${DEFAULT-VALUE}).")
        int order;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE.arpa", required = true, description = "Output ARPA file.")
        Path out;

        @Option(names = "--prune-singletons", description = "Drop n-grams of order 2 and above seen once (as --prune 0,1).")
        boolean pruneSingletons;

        @Option(names = "--prune", paramLabel = "T", split = ",", description = {"Count thresholds per order, unigrams first, "
                + "as lmplz --prune: drop n-grams of order n seen at most T_n times.", "E.g. 0,0,1 keeps every bigram and drops "
                + "trigrams seen once. The first is 0; they may not decrease; the last repeats for higher orders."})
        int[] prune;

        @Option(names = "--vocab", paramLabel = "FILE", description = {"Words to add to the vocabulary with count zero, "
                + "one per line, UTF-8 (blank lines skipped), as SRILM -vocab: each gets the uniform share of the "
                + "unigram back-off mass, so a decoder knows it. E.g. the lm-vocab.txt of 'elman data synth'."})
        Path vocab;

        @Override
        public Integer call() throws IOException {
            if (order < 1 || order > 5) throw new ParameterException(spec.commandLine(), "--order must be 1 to 5, got " + order);
            Inputs.file(text, "text corpus");
            List<String> words = vocab == null ? List.of() : vocabulary(vocab);
            if (pruneSingletons && prune != null) throw new ParameterException(spec.commandLine(), "give --prune or --prune-singletons, not both");
            NgramLmBuilder.Builder settings = NgramLmBuilder.builder().setOrder(order).optPruneSingletons(pruneSingletons).optPrune(prune);
            try {
                settings.optVocabulary(words);
            } catch (IllegalArgumentException e) {
                throw new CliException(vocab + ": " + e.getMessage(), e);
            }
            NgramLmBuilder builder;
            try {
                builder = settings.build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--prune: " + e.getMessage());
            }
            String arpa;
            try {
                arpa = builder.buildArpa(Files.readAllLines(text, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new CliException(text + ": " + e.getMessage(), e);
            }
            Files.writeString(out, arpa, StandardCharsets.UTF_8);
            ArpaLm lm = ArpaLm.parse(arpa, out.toString());
            spec.commandLine().getOut().println(out + ": order " + lm.order() + ", n-grams " + countsText(lm.counts()));
            return Elman.EXIT_OK;
        }

        /** The non-blank lines of a word list, stripped. */
        private static List<String> vocabulary(Path file) throws IOException {
            Inputs.file(file, "vocabulary");
            List<String> words = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String w = line.strip();
                if (!w.isEmpty()) words.add(w);
            }
            return words;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Prints the order, vocabulary and n-gram counts of an ARPA file.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.arpa", description = "ARPA language model.")
        Path arpa;

        @Override
        public Integer call() throws IOException {
            ArpaLm lm = ArpaLm.read(Inputs.file(arpa, "language model"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("file: " + arpa);
            out.println("order: " + lm.order());
            out.println("vocabulary: " + lm.vocabularySize() + " words"
                    + (lm.id(ArpaLm.UNK) >= 0 ? " (with " + ArpaLm.UNK + ")" : " (no " + ArpaLm.UNK + ")"));
            int[] counts = lm.counts();
            for (int n = 0; n < counts.length; n++) out.println("ngram " + (n + 1) + "=" + counts[n]);
            out.flush();
            return Elman.EXIT_OK;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = {"Scores text with an ARPA model: log10 probability, perplexity, OOV words.",
                "One sentence per line. The perplexity counts </s> as SRILM's ppl does; out-of-vocabulary",
                "words are scored as <unk> when the model has it (SRILM skips them) and are counted."})
    static final class Score implements Callable<Integer> {
        private static final double LN10 = Math.log(10);

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.arpa", description = "ARPA language model.")
        Path arpa;

        @Parameters(index = "1", paramLabel = "TEXT", description = "Text to score, UTF-8.")
        Path text;

        @Option(names = "--per-sentence", description = "Also print each sentence's log10 probability.")
        boolean perSentence;

        @Override
        public Integer call() throws IOException {
            ArpaLm lm = ArpaLm.read(Inputs.file(arpa, "language model"));
            Inputs.file(text, "text");
            PrintWriter out = spec.commandLine().getOut();
            double total = 0;
            long sentences = 0, words = 0, oov = 0;
            try (BufferedReader r = Files.newBufferedReader(text, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank()) continue;
                    String[] w = line.strip().split("\\s+");
                    for (String x : w) if (lm.id(x) < 0) oov++;
                    double lp = lm.sentenceLogProb(w);
                    if (perSentence) out.printf(Locale.ROOT, "%.4f\t%s%n", lp / LN10, line.strip());
                    total += lp;
                    sentences++;
                    words += w.length;
                }
            }
            if (sentences == 0) throw new CliException(text + ": no sentences to score (the file is empty)");
            long tokens = words + (lm.id(ArpaLm.EOS) >= 0 ? sentences : 0);
            out.printf(Locale.ROOT, "%s: %d sentences, %d words, %d OOV%n", text, sentences, words, oov);
            out.printf(Locale.ROOT, "logprob(log10)= %.4f ppl= %.4f%n", total / LN10, Math.exp(-total / tokens));
            out.flush();
            return Elman.EXIT_OK;
        }
    }

    static String countsText(int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < counts.length; n++) sb.append(n > 0 ? ", " : "").append(n + 1).append("-gram ").append(counts[n]);
        return sb.toString();
    }
}
