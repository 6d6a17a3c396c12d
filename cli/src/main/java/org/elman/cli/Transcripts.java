package org.elman.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transcript files for scoring. With ids (Kaldi {@code text} layout): {@code <utt-id> <words...>}
 * per line, an id alone means an empty transcript. Without ids: line {@code i} (1-based, blank
 * lines included) is utterance {@code "line<i>"}. Duplicate ids fail naming the file and line.
 */
final class Transcripts {
    private Transcripts() {
    }

    /** Utterance id to transcript, in file order. */
    static Map<String, String> read(Path file, boolean withIds, String what) throws IOException {
        Inputs.file(file, what);
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (!withIds) {
                    out.put("line" + n, line);
                    continue;
                }
                String t = line.strip();
                if (t.isEmpty()) continue;
                int sp = firstSpace(t);
                String id = sp < 0 ? t : t.substring(0, sp);
                Integer first = lineOf.putIfAbsent(id, n);
                if (first != null) {
                    throw new CliException(file + ":" + n + ": duplicate utterance id '" + id + "' (first on line " + first + ")");
                }
                out.put(id, sp < 0 ? "" : t.substring(sp + 1));
            }
        }
        return out;
    }

    /** Reads {@code <utt-id> <speaker-id>} lines (Kaldi {@code utt2spk}). */
    static Map<String, String> readUtt2Spk(Path file) throws IOException {
        Map<String, String> m = read(file, true, "utt2spk file");
        for (Map.Entry<String, String> e : m.entrySet()) {
            String spk = e.getValue().strip();
            if (spk.isEmpty() || firstSpace(spk) >= 0) {
                throw new CliException(file + ": utterance '" + e.getKey() + "' needs exactly one speaker id, got '" + spk + "'");
            }
        }
        return m;
    }

    private static int firstSpace(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) return i;
        }
        return -1;
    }
}
