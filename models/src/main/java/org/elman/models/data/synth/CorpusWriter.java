package org.elman.models.data.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.NemoManifest;
import org.elman.models.data.Utterance;

/**
 * Writes the data directories of a synthesised corpus: {@code <out>/<split>/} with Kaldi's
 * {@code wav.scp}, {@code text}, {@code utt2spk}, {@code spk2utt}, {@code utt2dur}, and a NeMo
 * manifest {@code manifest.jsonl}; plus {@code <out>/summary.tsv} (hours per split and engine
 * family). The speaker is the voice id; the transcript is the normalised text.
 */
public final class CorpusWriter {
    private CorpusWriter() {
    }

    /** Writes every split; {@code durations} maps utterance id to seconds. */
    public static void write(Path out, List<PlannedUtterance> plan, Map<String, Double> durations,
                             java.util.function.Function<PlannedUtterance, Path> wavPath) throws IOException {
        Map<Split, List<Utterance>> bySplit = new EnumMap<>(Split.class);
        Map<String, Double> summary = new TreeMap<>();
        for (Split s : Split.values()) bySplit.put(s, new ArrayList<>());
        for (PlannedUtterance p : plan) {
            Double d = durations.get(p.id());
            if (d == null) throw new IllegalArgumentException("no duration for " + p.id());
            bySplit.get(p.split()).add(new Utterance(p.id(), p.voice().id(), wavPath.apply(p), 0, d,
                    p.sentence().transcript()));
            summary.merge(p.split().dirName() + "\t" + p.voice().family(), d, Double::sum);
        }
        for (Split s : Split.values()) {
            Path dir = out.resolve(s.dirName());
            List<Utterance> utts = bySplit.get(s);
            KaldiDataDir.write(dir, wholeFiles(utts));
            writeUtt2Dur(dir.resolve("utt2dur"), utts);
            NemoManifest.write(dir.resolve("manifest.jsonl"), utts);
        }
        writeSummary(out.resolve("summary.tsv"), summary);
    }

    /** The same utterances without the known end, so Kaldi gets no {@code segments} file. */
    private static List<Utterance> wholeFiles(List<Utterance> utts) {
        return utts.stream().map(u -> Utterance.whole(u.id(), u.speaker(), u.audio(), u.text())).toList();
    }

    private static void writeUtt2Dur(Path file, List<Utterance> utts) throws IOException {
        StringBuilder sb = new StringBuilder();
        utts.stream().sorted(java.util.Comparator.comparing(Utterance::id, org.elman.models.data.KaldiIds.C_ORDER))
                .forEach(u -> sb.append(u.id()).append(' ').append(String.format(Locale.ROOT, "%.3f", u.durationSeconds()))
                        .append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void writeSummary(Path file, Map<String, Double> seconds) throws IOException {
        StringBuilder sb = new StringBuilder("split\tfamily\thours\n");
        seconds.forEach((k, s) -> sb.append(k).append('\t').append(String.format(Locale.ROOT, "%.4f", s / 3600)).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
