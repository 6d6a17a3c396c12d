package org.elman.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.elman.audio.io.AudioFiles;
import org.elman.audio.io.AudioInput;
import org.elman.models.data.Utterance;

/**
 * Counts and problems of one corpus set (a list of utterances): speakers, hours, duration range,
 * sample rates, and problems — missing or unreadable audio, empty transcripts, segments that end
 * after their file. Audio files are opened only to read their headers (length and rate).
 */
final class CorpusReport {
    private static final int SHOWN_PER_KIND = 5;

    private final String name;
    private final int utterances;
    private final int speakers;
    private final double seconds;
    private final double minSeconds;
    private final double maxSeconds;
    private final int unknownDurations;
    private final Set<Integer> rates;
    private final Map<String, List<String>> problems;

    private CorpusReport(Builder b) {
        this.name = b.name;
        this.utterances = b.utterances;
        this.speakers = b.speakers.size();
        this.seconds = b.seconds;
        this.minSeconds = b.minSeconds;
        this.maxSeconds = b.maxSeconds;
        this.unknownDurations = b.unknownDurations;
        this.rates = b.rates;
        this.problems = b.problems;
    }

    /** Examines the utterances; {@code checkAudio} opens every audio file's header. */
    static CorpusReport of(String name, List<Utterance> utts, boolean checkAudio) {
        return of(name, utts, checkAudio, Map.of());
    }

    /**
     * Same, with durations known from elsewhere (Kaldi {@code utt2dur}) used when an utterance has
     * no end and its file's header was not read.
     */
    static CorpusReport of(String name, List<Utterance> utts, boolean checkAudio, Map<String, Double> knownSeconds) {
        Builder b = new Builder(name);
        Map<Path, AudioHeader> headers = new HashMap<>();
        for (Utterance u : utts) {
            b.add(u, checkAudio ? headers.computeIfAbsent(u.audio(), AudioHeader::read) : null,
                    knownSeconds.getOrDefault(u.id(), -1.0));
        }
        return new CorpusReport(b);
    }

    /** A report for a set that could not be read at all. */
    static CorpusReport unreadable(String name, String problem) {
        Builder b = new Builder(name);
        b.problem("unreadable", problem);
        return new CorpusReport(b);
    }

    int problemCount() {
        return problems.values().stream().mapToInt(List::size).sum();
    }

    int utterances() {
        return utterances;
    }

    int speakers() {
        return speakers;
    }

    double seconds() {
        return seconds;
    }

    Map<String, List<String>> problems() {
        return problems;
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %d utterances, %d speakers, %s", name, utterances, speakers, durationText(seconds));
        if (utterances > unknownDurations && utterances > 0) {
            out.printf(Locale.ROOT, " (min %.2f s, mean %.2f s, max %.2f s)", minSeconds,
                    seconds / (utterances - unknownDurations), maxSeconds);
        }
        if (!rates.isEmpty()) out.print(", sample rate " + String.join(" / ", rates.stream().map(r -> r + " Hz").toList()));
        out.println();
        if (unknownDurations > 0) out.println("  duration unknown for " + unknownDurations + " utterances (not counted)");
        for (Map.Entry<String, List<String>> e : problems.entrySet()) {
            List<String> l = e.getValue();
            out.println("  " + e.getKey() + ": " + l.size());
            for (String s : l.subList(0, Math.min(SHOWN_PER_KIND, l.size()))) out.println("    " + s);
            if (l.size() > SHOWN_PER_KIND) out.println("    ... and " + (l.size() - SHOWN_PER_KIND) + " more");
        }
    }

    /** Seconds below an hour, else hours with 3 decimals. */
    static String durationText(double seconds) {
        return seconds < 3600 ? String.format(Locale.ROOT, "%.2f s", seconds) : String.format(Locale.ROOT, "%.3f h", seconds / 3600);
    }

    /** Length and rate from an audio file's header, or the reason it could not be read. */
    record AudioHeader(double seconds, int rateHz, String problem) {
        static AudioHeader read(Path file) {
            if (!Files.exists(file)) return new AudioHeader(-1, 0, "missing");
            try (AudioInput in = AudioFiles.open(file)) {
                long n = in.totalSamples();
                return new AudioHeader(n >= 0 ? (double) n / in.sampleRateHz() : -1, in.sampleRateHz(), null);
            } catch (IOException | RuntimeException e) {
                return new AudioHeader(-1, 0, ErrorReporter.describe(e));
            }
        }
    }

    private static final class Builder {
        final String name;
        int utterances;
        final Set<String> speakers = new HashSet<>();
        double seconds;
        double minSeconds = Double.POSITIVE_INFINITY;
        double maxSeconds;
        int unknownDurations;
        final Set<Integer> rates = new TreeSet<>();
        final Map<String, List<String>> problems = new java.util.LinkedHashMap<>();

        Builder(String name) {
            this.name = name;
        }

        void add(Utterance u, AudioHeader h, double knownSeconds) {
            utterances++;
            speakers.add(u.speaker());
            if (u.text().isBlank()) problem("empty transcript", u.id());
            if (h == null && !Files.exists(u.audio())) problem("missing audio", u.audio() + " (utterance " + u.id() + ")");
            if (h != null && h.problem() != null) {
                problem(h.problem().equals("missing") ? "missing audio" : "unreadable audio", u.audio() + " (utterance "
                        + u.id() + ")" + (h.problem().equals("missing") ? "" : ": " + h.problem()));
            }
            if (h != null && h.rateHz() > 0) rates.add(h.rateHz());
            double fileSeconds = h != null ? h.seconds() : -1;
            if (u.hasEnd() && fileSeconds >= 0 && u.endSeconds() > fileSeconds + 0.01) {
                problem("segment past end of file", String.format(Locale.ROOT, "%s ends at %.3f s, %s is %.3f s long",
                        u.id(), u.endSeconds(), u.audio().getFileName(), fileSeconds));
            }
            double d = u.hasEnd() ? u.durationSeconds() : fileSeconds >= 0 ? fileSeconds - u.startSeconds() : knownSeconds;
            if (d < 0) {
                unknownDurations++;
                return;
            }
            seconds += d;
            minSeconds = Math.min(minSeconds, d);
            maxSeconds = Math.max(maxSeconds, d);
        }

        void problem(String kind, String detail) {
            problems.computeIfAbsent(kind, k -> new ArrayList<>()).add(detail);
        }
    }
}
