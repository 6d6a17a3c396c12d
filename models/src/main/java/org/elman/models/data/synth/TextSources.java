package org.elman.models.data.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Readers for the English text sources allowed for training (see the recipe README). Each returns
 * raw paragraphs; {@link SentenceFilter} turns them into sentences. The file-based readers take a
 * {@link Reader} so tests can feed small snippets.
 */
public final class TextSources {
    /** Fortune files that are pictures or offensive, never used. */
    public static final Set<String> SKIPPED_FORTUNES = Set.of("art", "ascii-art", "off");
    private static final Pattern VERSE = Pattern.compile("^\\s*\\d+\\s+(.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern ATTRIBUTION = Pattern.compile("\\s*--\\s*[A-Z][^\n]*$");
    private static final Pattern SWORD_DROPPED = Pattern.compile("<(note|title)\\b.*?</\\1>", Pattern.DOTALL);
    private static final Pattern SWORD_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(?:x([0-9a-fA-F]+)|([0-9]+));");
    // closing marks only: a straight quote may open a quotation, and closing up before it would join two words
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile(" ([,.;:!?\u2019\u201d])");
    private static final Pattern GCIDE_PRONUNCIATION = Pattern.compile("\\\\[^\\\\\n]*\\\\");
    private static final Pattern SOURCE_NOTE = Pattern.compile("(?m)^\\s*\\[[^\\]\n]*\\]\\s*$\\n?");
    private static final Pattern DEVIL_HEADWORD = Pattern.compile("^[A-Z][A-Z' -]*,\\s+[a-z. ]+\\.\\s+");

    private TextSources() {
    }

    /** Fortune entries (split at lines holding only {@code %}), attribution lines ({@code -- Name}) removed. */
    public static List<String> fortunes(Reader in) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        for (String line : lines(in)) {
            if (line.strip().equals("%")) {
                flush(out, entry);
            } else if (!line.strip().startsWith("--")) {
                entry.append(line).append('\n');
            }
        }
        flush(out, entry);
        return out;
    }

    /** All fortune files in a folder (sorted by name), skipping {@link #SKIPPED_FORTUNES} and index files. */
    public static List<String> fortunesDir(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().contains("."))
                    .filter(p -> !SKIPPED_FORTUNES.contains(p.getFileName().toString()))
                    .sorted().toList();
        }
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            try (Reader r = reader(Files.newInputStream(f))) {
                out.addAll(fortunes(r));
            }
        }
        return out;
    }

    /** Verses from the output of {@code bible -l100000 "Gen1:1-Rev22:21"} (lines {@code "  12 text"}). */
    public static List<String> bibleVerses(Reader in) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : lines(in)) {
            Matcher m = VERSE.matcher(line);
            if (m.matches()) out.add(m.group(1));
        }
        return out;
    }

    /** Example sentences from WordNet data files: the quoted strings in the gloss after {@code |}. */
    public static List<String> wordnetExamples(Reader in) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : lines(in)) {
            if (line.startsWith(" ")) continue;
            int bar = line.indexOf(" | ");
            if (bar < 0) continue;
            Matcher m = QUOTED.matcher(line.substring(bar + 3));
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    /**
     * GCIDE quotations: double-quoted passages inside entries and indented block quotations
     * (paragraphs indented by 6 or more spaces ending in an attribution {@code --Author.}), with
     * the attribution and source notes such as {@code [1913 Webster]} removed. Headword pronunciations ({@code \Lan"tern\}) are removed first, as
     * their accent marks are double quotes.
     */
    public static List<String> gcideQuotations(Reader in) throws IOException {
        List<String> out = new ArrayList<>();
        for (String raw : paragraphs(in, false)) {
            String para = SOURCE_NOTE.matcher(raw).replaceAll("").stripTrailing();
            if (para.isBlank()) continue;
            String joined = GCIDE_PRONUNCIATION.matcher(para).replaceAll(" ").replaceAll("\\s+", " ");
            Matcher m = QUOTED.matcher(joined);
            while (m.find()) out.add(m.group(1));
            if (isBlockQuote(para)) out.add(ATTRIBUTION.matcher(para.stripTrailing()).replaceAll(""));
        }
        return out;
    }

    private static boolean isBlockQuote(String para) {
        String[] lines = para.split("\n");
        if (!lines[lines.length - 1].matches(".*--\\s*[A-Z][\\w. ]*\\.?\\s*$")) return false;
        for (String l : lines) {
            if (!l.startsWith("      ") || l.contains("\"")) return false;
        }
        return true;
    }

    /** Devil's Dictionary paragraphs with the leading {@code HEADWORD, n.} removed. */
    public static List<String> devilParagraphs(Reader in) throws IOException {
        List<String> out = new ArrayList<>();
        for (String para : paragraphs(in, true)) out.add(DEVIL_HEADWORD.matcher(para).replaceFirst(""));
        return out;
    }

    /**
     * The entries of a SWORD module as {@code mod2imp} prints it (a {@code $$$key} line, then the
     * entry's OSIS markup), one paragraph per entry: footnotes ({@code <note>}) and headings
     * ({@code <title>}) dropped with their text, other tags removed, the five XML entities and
     * numeric references decoded, the spaces that tag removal leaves before punctuation closed up,
     * and dashes turned into spaces (the filter accepts no dash characters but the hyphen).
     */
    public static List<String> swordEntries(Reader in) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        for (String line : lines(in)) {
            if (line.startsWith("$$$")) {
                addSwordEntry(out, entry.toString());
                entry.setLength(0);
            } else {
                entry.append(line).append(' ');
            }
        }
        addSwordEntry(out, entry.toString());
        return out;
    }

    private static void addSwordEntry(List<String> out, String osis) {
        String s = SWORD_DROPPED.matcher(osis).replaceAll(" ");
        s = SWORD_TAG.matcher(s).replaceAll(" ");
        s = decodeEntities(s).replace('\u2014', ' ').replace('\u2013', ' ');
        s = SPACE_BEFORE_PUNCT.matcher(s.replaceAll("\\s+", " ")).replaceAll("$1").strip();
        if (!s.isEmpty()) out.add(s);
    }

    private static String decodeEntities(String s) {
        Matcher m = NUMERIC_ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(codePoint(m.group(1) != null ? m.group(1) : m.group(2), m.group(1) != null ? 16 : 10)));
        }
        m.appendTail(sb);
        return sb.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** The character of a numeric reference, or U+FFFD (which the filter rejects) when it names none. */
    private static String codePoint(String digits, int radix) {
        try {
            int code = Integer.parseInt(digits, radix);
            return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "\uFFFD";
        } catch (NumberFormatException e) {
            return "\uFFFD";
        }
    }

    /**
     * A word list, one word per line (as {@code /usr/share/dict/american-english}): each entry
     * normalised by {@link SentenceFilter#word}, those that fail dropped, duplicates (e.g. "Polish"
     * and "polish") kept once, in first-seen order.
     */
    public static List<String> wordList(Reader in) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : lines(in)) SentenceFilter.word(line).ifPresent(out::add);
        return new ArrayList<>(out);
    }

    /** Plain-text paragraphs (the Jargon File), lines joined. */
    public static List<String> plainParagraphs(Reader in) throws IOException {
        return paragraphs(in, true);
    }

    /** A UTF-8 reader over a gzip or dictzip file. */
    public static Reader gzipReader(Path file) throws IOException {
        return reader(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** A lenient UTF-8 reader: malformed bytes become U+FFFD (which the filter then rejects). */
    public static Reader reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    private static List<String> paragraphs(Reader in, boolean join) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        for (String line : lines(in)) {
            if (line.isBlank()) {
                flush(out, para);
            } else {
                para.append(join ? line.strip() : line).append(join ? " " : "\n");
            }
        }
        flush(out, para);
        return out;
    }

    private static void flush(List<String> out, StringBuilder sb) {
        String s = sb.toString();
        if (!s.isBlank()) out.add(s.stripTrailing());
        sb.setLength(0);
    }

    private static List<String> lines(Reader in) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<String> out = new ArrayList<>();
        String s;
        while ((s = r.readLine()) != null) out.add(s);
        return out;
    }
}
