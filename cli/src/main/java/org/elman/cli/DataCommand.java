package org.elman.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.elman.models.data.DataFormatException;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.NemoManifest;
import org.elman.models.data.synth.SynthCorpus;
import org.elman.models.data.synth.VoiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code elman data}: build and check speech corpora. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Speech corpora: synthesise, validate.",
        subcommands = {DataCommand.Synth.class, DataCommand.Validate.class})
final class DataCommand extends CommandGroup {

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {"Builds the synthetic English corpus of recipes/synth-en.",
                "Debian text sources read by espeak-ng, espeak, flite, festival and FreeTTS; writes Kaldi data dirs and",
                "NeMo manifests for train, dev and test. See recipes/synth-en/README.md."})
    static final class Synth implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
        Path out;

        @Option(names = "--hours", paramLabel = "H", required = true, description = "Target hours over train+dev+test.")
        double hours;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the plan (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "N", description = "Parallel synthesis jobs (default: number of cores).")
        Integer threads;

        @Option(names = "--engines", paramLabel = "LIST", split = ",",
                description = {"Engine families to use (default: all of festival,flite,espeak-ng,espeak,freetts).",
                    "festival,flite,espeak-ng,espeak plans as the recipe did before FreeTTS joined."})
        List<String> engines;

        @Option(names = "--install", description = "Install missing Debian packages with apt-get (needs root).")
        boolean install;

        @Option(names = "--plan-only", description = "Only extract sentences and write plan.tsv.")
        boolean planOnly;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (!(hours > 0)) throw new ParameterException(spec.commandLine(), "--hours must be > 0, got " + hours);
            if (threads != null && threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be >= 1");
            if (engines != null) {
                try {
                    VoiceCatalog.standard().only(engines);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--engines: " + e.getMessage());
                }
            }
            List<String> args = new ArrayList<>(List.of("--out", out.toString(), "--hours", Double.toString(hours),
                    "--seed", Long.toString(seed)));
            if (threads != null) args.addAll(List.of("--threads", threads.toString()));
            if (engines != null) args.addAll(List.of("--engines", String.join(",", engines)));
            if (install) args.add("--install");
            if (planOnly) args.add("--plan-only");
            int rc = SynthCorpus.execute(args.toArray(String[]::new));
            return rc == 0 ? Elman.EXIT_OK : Elman.EXIT_FAILURE;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Checks a Kaldi data dir or NeMo manifest and reports counts, hours and problems.",
                "PATH is a Kaldi data directory (wav.scp, text, utt2spk[, segments]), a folder of them",
                "(e.g. train/ dev/ test/), or a NeMo JSON-lines manifest. Problems: format errors, missing or",
                "unreadable audio, empty transcripts, segments past the end of a file. Exit code 1 when any",
                "problem is found."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PATH", description = "Kaldi data dir, folder of data dirs, or NeMo manifest.")
        Path path;

        @Option(names = "--no-audio", description = "Only check that audio files exist (do not open their headers).")
        boolean noAudio;

        @Override
        public Integer call() throws IOException {
            List<CorpusReport> reports = new ArrayList<>();
            for (Path set : sets()) reports.add(read(set));
            PrintWriter out = spec.commandLine().getOut();
            int problems = 0;
            for (CorpusReport r : reports) {
                r.print(out);
                problems += r.problemCount();
            }
            if (reports.size() > 1) {
                out.printf(Locale.ROOT, "total: %d utterances, %s in %d sets%n",
                        reports.stream().mapToInt(CorpusReport::utterances).sum(),
                        CorpusReport.durationText(reports.stream().mapToDouble(CorpusReport::seconds).sum()), reports.size());
            }
            out.println(problems == 0 ? "no problems found" : problems + " problem" + (problems == 1 ? "" : "s") + " found");
            out.flush();
            return problems == 0 ? Elman.EXIT_OK : Elman.EXIT_FAILURE;
        }

        /** The data dirs or manifest named by PATH. */
        private List<Path> sets() throws IOException {
            if (!Files.exists(path)) throw new CliException(path + ": data directory or manifest not found");
            if (Files.isRegularFile(path) || isKaldiDir(path)) return List.of(path);
            List<Path> sub;
            try (Stream<Path> s = Files.list(path)) {
                sub = s.filter(DataCommand::isKaldiDir).sorted().toList();
            }
            if (sub.isEmpty()) {
                throw new CliException(path + ": not a Kaldi data directory (no wav.scp) and holds none; "
                        + "pass a data directory or a NeMo manifest file");
            }
            return sub;
        }

        private CorpusReport read(Path set) throws IOException {
            boolean kaldi = Files.isDirectory(set);
            String name = set + (kaldi ? " (Kaldi)" : " (NeMo)");
            try {
                if (!kaldi) return CorpusReport.of(name, NemoManifest.read(set), !noAudio);
                return CorpusReport.of(name, KaldiDataDir.read(set), !noAudio, utt2dur(set.resolve("utt2dur")));
            } catch (DataFormatException e) {
                return CorpusReport.unreadable(name, e.getMessage());
            }
        }

        /** Durations from a Kaldi {@code utt2dur} file, empty when there is none. */
        private static Map<String, Double> utt2dur(Path file) throws IOException {
            if (!Files.isRegularFile(file)) return Map.of();
            Map<String, Double> out = new HashMap<>();
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String[] f = line.strip().split("\\s+");
                if (f.length == 1 && f[0].isEmpty()) continue;
                try {
                    if (f.length != 2) throw new NumberFormatException();
                    out.put(f[0], Double.parseDouble(f[1]));
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, n, "'" + f[0] + "' has a duration that is not a number: "
                            + (f.length > 1 ? f[1] : "(none)"));
                }
            }
            return out;
        }
    }

    static boolean isKaldiDir(Path p) {
        return Files.isDirectory(p) && Files.isRegularFile(p.resolve("wav.scp"));
    }
}
