package org.elman.ctc.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses ARPA text into an {@link ArpaLm}; every error names the source and the line. */
final class ArpaReader {
    private final BufferedReader in;
    private final String source;
    private int lineNo;

    private ArpaReader(BufferedReader in, String source) {
        this.in = in;
        this.source = source;
    }

    static ArpaLm parse(BufferedReader in, String source) throws IOException {
        return new ArpaReader(in, source).parse();
    }

    private LmFormatException error(String message) {
        return new LmFormatException(source, lineNo, message);
    }

    /** The next non-blank line, trimmed, or null at the end of input. */
    private String next() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            line = line.strip();
            if (!line.isEmpty()) return line;
        }
        return null;
    }

    private ArpaLm parse() throws IOException {
        String line = next();
        while (line != null && !line.equals("\\data\\")) line = next(); // text before \data\ is a comment
        if (line == null) throw error("missing \\data\\ header");
        List<Integer> counts = new ArrayList<>();
        line = next();
        while (line != null && line.startsWith("ngram ")) {
            counts.add(parseCount(line, counts.size() + 1));
            line = next();
        }
        if (counts.isEmpty()) throw error("no 'ngram N=count' lines after \\data\\");
        int order = counts.size();
        Map<String, Integer> ids = new HashMap<>(capacityFor(counts.get(0)));
        List<String> words = new ArrayList<>(counts.get(0));
        List<NgramTable> grams = new ArrayList<>();
        for (int c : counts) grams.add(new NgramTable(grams.size() + 1, Math.min(1 << 22, c)));
        for (int n = 1; n <= order; n++) {
            if (line == null || !line.equals("\\" + n + "-grams:")) {
                throw error("expected \\" + n + "-grams: but found " + (line == null ? "end of file" : "'" + line + "'"));
            }
            line = readSection(n, counts.get(n - 1), ids, words, grams.get(n - 1));
        }
        if (line == null || !line.equals("\\end\\")) {
            throw error("expected \\end\\ but found " + (line == null ? "end of file" : "'" + line + "'"));
        }
        return new ArpaLm(order, ids, words, grams, -100 * Math.log(10));
    }

    /** A HashMap capacity that holds {@code n} entries without resizing (announced counts are capped, as the file may lie). */
    private static int capacityFor(int n) {
        return (int) Math.min(1 << 24, n / 0.75 + 1);
    }

    private int parseCount(String line, int expectOrder) {
        String[] kv = line.substring(6).split("=");
        if (kv.length != 2) throw error("bad count line '" + line + "'");
        try {
            int n = Integer.parseInt(kv[0].strip());
            int c = Integer.parseInt(kv[1].strip());
            if (n != expectOrder) throw error("count line for order " + n + " where order " + expectOrder + " was expected");
            if (c < 0) throw error("negative n-gram count " + c);
            return c;
        } catch (NumberFormatException e) {
            throw error("bad number in count line '" + line + "'");
        }
    }

    /** Reads one section; returns the first line after it. */
    private String readSection(int n, int expected, Map<String, Integer> ids, List<String> words,
                               NgramTable table) throws IOException {
        int seen = 0;
        int header = lineNo;
        String line = next();
        while (line != null && !line.startsWith("\\")) {
            String[] f = fields(line);
            if (f.length != n + 1 && f.length != n + 2) {
                throw error(n + "-gram line needs " + (n + 1) + " or " + (n + 2) + " fields, has " + f.length + ": '" + line + "'");
            }
            float logProb = number(f[0], "log probability");
            float backoff = f.length == n + 2 ? number(f[n + 1], "back-off weight") : 0f;
            int[] key = new int[n];
            for (int i = 0; i < n; i++) {
                Integer id = ids.get(f[1 + i]);
                if (id == null) {
                    if (n > 1) throw error("word '" + f[1 + i] + "' of a " + n + "-gram is not among the 1-grams");
                    id = words.size();
                    ids.put(f[1], id);
                    words.add(f[1]);
                }
                key[i] = id;
            }
            if (!table.put(key, logProb, backoff)) throw error("duplicate " + n + "-gram '" + line + "'");
            seen++;
            line = next();
        }
        if (seen != expected) {
            throw new LmFormatException(source, header, "\\data\\ announces " + expected + " " + n + "-grams but the section has " + seen);
        }
        return line;
    }

    /**
     * The whitespace-separated fields of a trimmed line, as {@code split("\\s+")} gives them but
     * without the regular expression (that split was most of the reading time of a large LM).
     */
    private static String[] fields(String line) {
        int count = 0;
        int len = line.length();
        for (int i = 0; i < len; ) {
            count++;
            while (i < len && !Character.isWhitespace(line.charAt(i))) i++;
            while (i < len && Character.isWhitespace(line.charAt(i))) i++;
        }
        String[] out = new String[count];
        int n = 0;
        for (int i = 0; i < len; ) {
            int start = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) i++;
            out[n++] = line.substring(start, i);
            while (i < len && Character.isWhitespace(line.charAt(i))) i++;
        }
        return out;
    }

    private float number(String s, String what) {
        try {
            float v = Float.parseFloat(s);
            if (Float.isNaN(v) || v > 0 && what.startsWith("log prob")) throw error("bad " + what + " '" + s + "'");
            return v;
        } catch (NumberFormatException e) {
            throw error("bad " + what + " '" + s + "'");
        }
    }
}
