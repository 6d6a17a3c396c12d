package org.elman.models.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Kaldi table file: {@code <key> <rest of line>} per line, keys unique. Remembers line numbers. */
final class TableFile {
    private final Path file;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private TableFile(Path file, Map<String, String> values, Map<String, Integer> lines) {
        this.file = file;
        this.values = values;
        this.lines = lines;
    }

    Path file() {
        return file;
    }

    /** Keys and values in file order. */
    Map<String, String> values() {
        return values;
    }

    boolean contains(String key) {
        return values.containsKey(key);
    }

    String get(String key) {
        return values.get(key);
    }

    /** The line a key was read from, or 0 if absent. */
    int lineOf(String key) {
        return lines.getOrDefault(key, 0);
    }

    /**
     * Reads a table. {@code valueRequired}: a line with a key only is an error (for text files an
     * empty transcript is allowed). Blank lines are skipped.
     */
    static TableFile read(Path file, boolean valueRequired) throws IOException {
        if (!Files.isRegularFile(file)) throw new DataFormatException(file, "file not found");
        Map<String, String> map = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                String t = s.strip();
                if (t.isEmpty()) continue;
                int sp = firstSpace(t);
                String key = sp < 0 ? t : t.substring(0, sp);
                String value = sp < 0 ? "" : t.substring(sp + 1).strip();
                if (valueRequired && value.isEmpty()) throw new DataFormatException(file, n, "'" + key + "' has no value");
                if (map.containsKey(key)) {
                    throw new DataFormatException(file, n, "duplicate id '" + key + "' (first on line " + lines.get(key) + ")");
                }
                map.put(key, value);
                lines.put(key, n);
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "file not found");
        }
        return new TableFile(file, map, lines);
    }

    private static int firstSpace(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) return i;
        }
        return -1;
    }
}
