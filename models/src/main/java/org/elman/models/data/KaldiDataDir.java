package org.elman.models.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes Kaldi data directories.
 *
 * <p>Read: {@code wav.scp} ({@code <recording-id> <path>}), {@code text} ({@code <utt-id> <transcript>}),
 * {@code utt2spk} ({@code <utt-id> <speaker-id>}) and, when present, {@code segments}
 * ({@code <utt-id> <recording-id> <start> <end>}, end -1 = end of file). Without {@code segments}
 * the recording ids are the utterance ids. Relative paths in {@code wav.scp} are kept relative, as
 * Kaldi resolves them against the working directory. Piped entries ({@code cmd |}) and archive
 * offsets are not supported and fail with the file and line. Every utterance must have a
 * transcript, an audio entry and a speaker; duplicates fail.
 *
 * <p>Write: {@code wav.scp}, {@code text}, {@code utt2spk}, {@code spk2utt} and, when any utterance
 * is a segment, {@code segments}; all sorted in {@code LC_ALL=C} order as
 * {@code utils/validate_data_dir.sh} expects. Audio paths are written absolute.
 */
public final class KaldiDataDir {
    private KaldiDataDir() {
    }

    /** Reads a data directory into utterances in {@code text} order. */
    public static List<Utterance> read(Path dir) throws IOException {
        TableFile wavs = TableFile.read(dir.resolve("wav.scp"), true);
        checkWavEntries(wavs);
        TableFile texts = TableFile.read(dir.resolve("text"), false);
        TableFile spk = TableFile.read(dir.resolve("utt2spk"), true);
        Path segFile = dir.resolve("segments");
        TableFile segs = Files.exists(segFile) ? TableFile.read(segFile, true) : null;
        TableFile where = segs != null ? segs : wavs;
        List<Utterance> out = new ArrayList<>(texts.values().size());
        for (Map.Entry<String, String> e : texts.values().entrySet()) {
            String utt = e.getKey();
            int line = texts.lineOf(utt);
            if (!where.contains(utt)) {
                throw new DataFormatException(texts.file(), line, "utterance '" + utt
                        + "' has a transcript but no entry in " + where.file().getFileName());
            }
            if (!spk.contains(utt)) {
                throw new DataFormatException(texts.file(), line, "utterance '" + utt + "' has no entry in utt2spk");
            }
            out.add(segs == null ? Utterance.whole(utt, spk.get(utt), Path.of(wavs.get(utt)), e.getValue())
                    : segment(segs, utt, wavs, spk.get(utt), e.getValue()));
        }
        for (String utt : where.values().keySet()) {
            if (!texts.contains(utt)) {
                throw new DataFormatException(where.file(), where.lineOf(utt), "utterance '" + utt + "' has no transcript in text");
            }
        }
        return out;
    }

    private static void checkWavEntries(TableFile wavs) throws DataFormatException {
        for (Map.Entry<String, String> e : wavs.values().entrySet()) {
            String v = e.getValue().strip();
            if (v.endsWith("|") || v.startsWith("|")) {
                throw new DataFormatException(wavs.file(), wavs.lineOf(e.getKey()), "piped command for '"
                        + e.getKey() + "' is not supported (extract the audio to WAV files first): " + v);
            }
        }
    }

    private static Utterance segment(TableFile segs, String utt, TableFile wavs, String speaker, String text)
            throws DataFormatException {
        int line = segs.lineOf(utt);
        String[] f = segs.get(utt).strip().split("\\s+");
        if (f.length != 3) {
            throw new DataFormatException(segs.file(), line, "expected '<utt> <recording> <start> <end>', got "
                    + (f.length + 1) + " fields");
        }
        if (!wavs.contains(f[0])) {
            throw new DataFormatException(segs.file(), line, "recording '" + f[0] + "' is not in wav.scp");
        }
        try {
            double start = Double.parseDouble(f[1]);
            double end = Double.parseDouble(f[2]);
            return new Utterance(utt, speaker, Path.of(wavs.get(f[0])), start, end < 0 ? -1 : end, text);
        } catch (IllegalArgumentException ex) {
            throw new DataFormatException(segs.file(), line, "bad segment times: " + ex.getMessage());
        }
    }

    /** Writes the utterances as a data directory (created if needed), sorted as Kaldi expects. */
    public static void write(Path dir, List<Utterance> utterances) throws IOException {
        List<Utterance> sorted = new ArrayList<>(utterances);
        sorted.sort(Comparator.comparing(Utterance::id, KaldiIds.C_ORDER));
        checkForWrite(sorted);
        Files.createDirectories(dir);
        boolean segmented = sorted.stream().anyMatch(Utterance::isSegment);
        Map<Path, String> recIds = segmented ? recordingIds(sorted) : Map.of();
        try (BufferedWriter text = writer(dir.resolve("text")); BufferedWriter u2s = writer(dir.resolve("utt2spk"))) {
            for (Utterance u : sorted) {
                text.write(u.id() + (u.text().isEmpty() ? "" : " " + u.text()) + "\n");
                u2s.write(u.id() + " " + u.speaker() + "\n");
            }
        }
        try (BufferedWriter wav = writer(dir.resolve("wav.scp"))) {
            if (segmented) {
                for (Map.Entry<String, Path> e : invert(recIds).entrySet()) wav.write(e.getKey() + " " + e.getValue() + "\n");
            } else {
                for (Utterance u : sorted) wav.write(u.id() + " " + u.audio().toAbsolutePath().normalize() + "\n");
            }
        }
        if (segmented) writeSegments(dir.resolve("segments"), sorted, recIds);
        else Files.deleteIfExists(dir.resolve("segments"));
        writeSpk2Utt(dir.resolve("spk2utt"), sorted);
    }

    private static void checkForWrite(List<Utterance> sorted) {
        String prevSpk = null;
        for (int i = 0; i < sorted.size(); i++) {
            Utterance u = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).id().equals(u.id())) {
                throw new IllegalArgumentException("duplicate utterance id '" + u.id() + "'");
            }
            if (u.text().indexOf('\n') >= 0 || u.text().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("transcript of '" + u.id() + "' contains a line break");
            }
            if (prevSpk != null && KaldiIds.C_ORDER.compare(prevSpk, u.speaker()) > 0) {
                throw new IllegalArgumentException("utterance '" + u.id() + "' sorts after a later speaker's utterance;"
                        + " Kaldi needs utterance ids that sort in speaker order (prefix them with the speaker id)");
            }
            prevSpk = u.speaker();
        }
    }

    private static Map<Path, String> recordingIds(List<Utterance> sorted) {
        Map<Path, String> ids = new LinkedHashMap<>();
        for (Utterance u : sorted) {
            Path p = u.audio().toAbsolutePath().normalize();
            if (!ids.containsKey(p)) ids.put(p, u.speaker() + "-rec" + String.format("%06d", ids.size()));
        }
        return ids;
    }

    private static Map<String, Path> invert(Map<Path, String> m) {
        Map<String, Path> out = new TreeMap<>(KaldiIds.C_ORDER);
        m.forEach((p, id) -> out.put(id, p));
        return out;
    }

    private static void writeSegments(Path file, List<Utterance> sorted, Map<Path, String> recIds) throws IOException {
        try (BufferedWriter w = writer(file)) {
            for (Utterance u : sorted) {
                String end = u.hasEnd() ? seconds(u.endSeconds()) : "-1";
                w.write(u.id() + " " + recIds.get(u.audio().toAbsolutePath().normalize()) + " "
                        + seconds(u.startSeconds()) + " " + end + "\n");
            }
        }
    }

    private static void writeSpk2Utt(Path file, List<Utterance> sorted) throws IOException {
        Map<String, List<String>> bySpk = new TreeMap<>(KaldiIds.C_ORDER);
        for (Utterance u : sorted) bySpk.computeIfAbsent(u.speaker(), k -> new ArrayList<>()).add(u.id());
        try (BufferedWriter w = writer(file)) {
            for (Map.Entry<String, List<String>> e : bySpk.entrySet()) {
                w.write(e.getKey() + " " + String.join(" ", e.getValue()) + "\n");
            }
        }
    }

    static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.3f", s);
    }

    private static BufferedWriter writer(Path p) throws IOException {
        return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
    }
}
