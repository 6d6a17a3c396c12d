package org.elman.models.data.synth;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elman.io.AtomicFiles;

/**
 * The synthetic English corpus recipe ({@code recipes/synth-en/README.md}).
 *
 * <pre>
 * java ... org.elman.models.data.synth.SynthCorpus --out DIR --hours H [--seed S] [--threads N]
 *     [--engines LIST] [--install] [--plan-only]
 * </pre>
 * {@code --engines} chooses engine families (comma-separated, default all: {@code
 * festival,flite,espeak-ng,espeak,freetts}); {@code festival,flite,espeak-ng,espeak} plans exactly
 * as the recipe did before FreeTTS joined.
 * Steps: check the engines and text packages (install them with {@code --install}), extract and
 * de-duplicate sentences, plan (seeded), synthesise what is missing, write Kaldi data directories
 * and NeMo manifests for train, dev and test, and report the synthesis speed. It also writes
 * {@value #LM_TEXT}: every training-split sentence, the passages too short or long to speak and
 * the World English Bible (without any passage that holds a dev or test sentence), for an n-gram
 * language model; and {@value #LM_VOCAB}, the allowed word list (wamerican) normalised, one word
 * per line, for that model's vocabulary ({@code elman lm build --vocab}).
 */
public final class SynthCorpus {
    /** Name of the language-model text file in the output folder. */
    public static final String LM_TEXT = "lm-text.txt";
    /** Name of the language-model vocabulary file (the allowed word list) in the output folder. */
    public static final String LM_VOCAB = "lm-vocab.txt";

    private SynthCorpus() {
    }

    /** Parsed command line. */
    record Options(Path out, double hours, long seed, int threads, List<String> engines, boolean install,
                   boolean planOnly) {
        static Options parse(String[] args) {
            Path out = null;
            double hours = -1;
            long seed = 1;
            int threads = Runtime.getRuntime().availableProcessors();
            boolean install = false;
            boolean planOnly = false;
            List<String> engines = List.copyOf(VoiceCatalog.standard().weights().keySet());
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--hours" -> hours = number(value(args, ++i, a), a);
                    case "--seed" -> seed = (long) number(value(args, ++i, a), a);
                    case "--threads" -> threads = (int) number(value(args, ++i, a), a);
                    case "--engines" -> engines = engines(value(args, ++i, a));
                    case "--install" -> install = true;
                    case "--plan-only" -> planOnly = true;
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + usage());
                }
            }
            if (out == null) throw new IllegalArgumentException("--out DIR is required\n" + usage());
            if (!(hours > 0)) throw new IllegalArgumentException("--hours H (> 0) is required\n" + usage());
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            return new Options(out, hours, seed, threads, engines, install, planOnly);
        }

        private static List<String> engines(String list) {
            List<String> out = new ArrayList<>();
            for (String f : list.split(",")) {
                if (!f.isBlank() && !out.contains(f.strip())) out.add(f.strip());
            }
            VoiceCatalog.standard().only(out);       // names the unknown family
            return List.copyOf(out);
        }

        private static String value(String[] args, int i, String opt) {
            if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
            return args[i];
        }

        private static double number(String s, String opt) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(opt + " expects a number, got '" + s + "'");
            }
        }
    }

    static String usage() {
        return "usage: SynthCorpus --out DIR --hours H [--seed S] [--threads N] [--engines LIST] [--install] [--plan-only]";
    }

    public static void main(String[] args) throws Exception {
        System.exit(execute(args));
    }

    /**
     * Runs the recipe like {@link #main} but returns the exit status instead of ending the JVM:
     * 0 done, 2 bad options or missing prerequisites (the reason is printed on standard error).
     */
    public static int execute(String... args) throws IOException, InterruptedException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (!ensurePrerequisites(o.engines(), o.install())) return 2;
        return run(o);
    }

    static boolean ensurePrerequisites(List<String> engines, boolean install) throws IOException, InterruptedException {
        List<String> missing = Prerequisites.missing(engines);
        if (missing.isEmpty()) return true;
        if (install) {
            Prerequisites.install();
            missing = Prerequisites.missing(engines);
            if (missing.isEmpty()) return true;
        }
        System.err.println("missing tools or packages:\n  " + String.join("\n  ", missing));
        System.err.println(install ? "still missing after installing." : "run again with --install (as root), or run: "
                + String.join(" ", Prerequisites.installCommand()));
        return false;
    }

    static int run(Options o) throws IOException, InterruptedException {
        Files.createDirectories(o.out());
        CorpusSources.Texts texts = CorpusSources.load();
        Map<String, List<Sentence>> bySource = texts.bySource();
        SentencePool pool = SentencePool.build(bySource);
        for (String src : pool.sources()) {
            System.err.printf(Locale.ROOT, "%-10s %6d sentences (train %d, dev %d, test %d)%n", src,
                    bySource.get(src).size(), pool.sentences(Split.TRAIN, src).size(),
                    pool.sentences(Split.DEV, src).size(), pool.sentences(Split.TEST, src).size());
        }
        List<PlannedUtterance> plan = CorpusPlan.plan(pool, VoiceCatalog.standard().only(o.engines()),
                CorpusPlan.SOURCE_WEIGHTS, o.seed(), o.hours());
        Files.writeString(o.out().resolve("plan.tsv"), PlanFile.format(plan), StandardCharsets.UTF_8);
        System.err.println("planned " + plan.size() + " utterances -> " + o.out().resolve("plan.tsv"));
        writeLmText(o.out().resolve(LM_TEXT), pool, texts.lmOnly());
        writeLines(o.out().resolve(LM_VOCAB), texts.vocabulary());
        System.err.println("language-model vocabulary: " + texts.vocabulary().size() + " words of the word list -> " + o.out().resolve(LM_VOCAB));
        if (o.planOnly()) return 0;
        Synthesizer synth = new Synthesizer(o.out(), o.threads());
        long wall0 = System.nanoTime();
        double cpu0 = cpuSeconds();
        int made = synth.run(plan);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = cpuSeconds() - cpu0;
        Map<String, Double> durations = new HashMap<>();
        for (PlannedUtterance u : plan) durations.put(u.id(), Synthesizer.durationSeconds(synth.wavPath(u)));
        CorpusWriter.write(o.out(), plan, durations, synth::wavPath);
        double total = durations.values().stream().mapToDouble(Double::doubleValue).sum();
        System.err.printf(Locale.ROOT, "corpus: %d utterances, %.3f h of audio in %s%n", plan.size(), total / 3600, o.out());
        System.err.printf(Locale.ROOT, "synthesised %d (skipped %d existing) in %.1f s wall, %.1f s CPU (JVM + engines)%n",
                made, plan.size() - made, wall, cpu);
        if (made == plan.size() && made > 0) {
            System.err.printf(Locale.ROOT, "speed: %.1f s of audio per CPU second, %.1f per wall second on %d threads%n",
                    total / cpu, total / wall, o.threads());
        }
        return 0;
    }

    /**
     * Writes the text a language model may learn from ({@link SentencePool#lmText}, normalised, one
     * per line): every training-split sentence, then the passages too short or too long to speak
     * and the World English Bible ({@link CorpusSources.Texts});
     * dev and test sentences are never in it, nor any passage that contains one.
     */
    static void writeLmText(Path file, SentencePool pool, List<String> lmOnly) throws IOException {
        List<String> lines = pool.lmText(lmOnly);
        int train = pool.size(Split.TRAIN);
        writeLines(file, lines);
        System.err.println("language-model text: " + train + " training sentences and " + (lines.size() - train)
                + " passages for the language model only (too short or long to speak, or from the World English Bible) -> " + file);
    }

    /** Writes lines (each ending in a newline) to a file atomically. */
    static void writeLines(Path file, List<String> lines) throws IOException {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, ch -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
        });
    }

    /** CPU seconds of this JVM plus its finished child processes (Linux /proc), or of the JVM alone. */
    static double cpuSeconds() {
        double jvm = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            jvm = os.getProcessCpuTime() / 1e9;
        }
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return jvm + (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return jvm;
        }
    }
}
