package org.elman.models.data.synth;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the allowed English text sources from their Debian package locations and filters them
 * into sentences, keyed by source name in priority order (the order of
 * {@link CorpusPlan#SOURCE_WEIGHTS}). The KJV Bible comes from running the {@code bible} program,
 * the World English Bible (language-model text only) from running {@code mod2imp}.
 */
public final class CorpusSources {
    static final Path FORTUNES = Path.of("/usr/share/games/fortunes");
    static final Path WORDNET = Path.of("/usr/share/wordnet");
    static final Path GCIDE = Path.of("/usr/share/dictd/gcide.dict.dz");
    static final Path DEVIL = Path.of("/usr/share/dictd/devil.dict.dz");
    static final Path JARGON = Path.of("/usr/share/doc/jargon-text/jargon.txt.gz");
    /** The SWORD module of the World English Bible (package sword-text-web), read with mod2imp. */
    static final String WEB_MODULE = "engWEB2015eb";
    static final Path WEB_CONF = Path.of("/usr/share/sword/mods.d/engWEB2015eb.conf");
    /** The allowed word list (package wamerican), for a language model's vocabulary. */
    static final Path WORD_LIST = Path.of("/usr/share/dict/american-english");
    static final List<String> WORDNET_FILES = List.of("data.noun", "data.verb", "data.adj", "data.adv");

    private CorpusSources() {
    }

    /** Package files that must exist, with the Debian package that ships each. */
    public static Map<Path, String> requiredFiles() {
        Map<Path, String> m = new LinkedHashMap<>();
        m.put(FORTUNES.resolve("fortunes"), "fortunes");
        m.put(WORDNET.resolve("data.noun"), "wordnet-base");
        m.put(GCIDE, "dict-gcide");
        m.put(DEVIL, "dict-devil");
        m.put(JARGON, "jargon-text");
        m.put(WEB_CONF, "sword-text-web");
        m.put(WORD_LIST, "wamerican");
        return m;
    }

    /**
     * What the text sources give: the sentences to speak, per source in priority order, and the
     * text for the language model only: the {@link SentenceFilter#lmOnly} transcripts of those
     * sources, then every sentence of the World English Bible, whatever its length (a modern
     * translation of the same verses; never spoken, so the corpus and its splits stay as they were);
     * and the vocabulary of the allowed word list ({@link TextSources#wordList}).
     */
    public record Texts(Map<String, List<Sentence>> bySource, List<String> lmOnly, List<String> vocabulary) {}

    /** Reads and filters every source. */
    public static Texts load() throws IOException, InterruptedException {
        Map<String, List<String>> paragraphs = new LinkedHashMap<>();
        paragraphs.put("fortunes", TextSources.fortunesDir(FORTUNES));
        List<String> wn = new ArrayList<>();
        for (String f : WORDNET_FILES) {
            try (Reader r = TextSources.reader(Files.newInputStream(WORDNET.resolve(f)))) {
                wn.addAll(TextSources.wordnetExamples(r));
            }
        }
        paragraphs.put("wordnet", wn);
        try (Reader r = TextSources.gzipReader(GCIDE)) {
            paragraphs.put("gcide", TextSources.gcideQuotations(r));
        }
        paragraphs.put("bible-kjv", bible());
        try (Reader r = TextSources.gzipReader(JARGON)) {
            paragraphs.put("jargon", TextSources.plainParagraphs(r));
        }
        try (Reader r = TextSources.gzipReader(DEVIL)) {
            paragraphs.put("devil", TextSources.devilParagraphs(r));
        }
        Map<String, List<Sentence>> bySource = new LinkedHashMap<>();
        List<String> lmOnly = new ArrayList<>();
        paragraphs.forEach((source, paras) -> {
            bySource.put(source, extract(source, paras));
            for (String p : paras) lmOnly.addAll(SentenceFilter.extractLmOnly(p));
        });
        for (String p : worldEnglishBible()) lmOnly.addAll(SentenceFilter.extractAnyLength(p));
        List<String> vocabulary;
        try (Reader r = TextSources.reader(Files.newInputStream(WORD_LIST))) {
            vocabulary = TextSources.wordList(r);
        }
        return new Texts(bySource, lmOnly, vocabulary);
    }

    private static List<String> bible() throws IOException, InterruptedException {
        return TextSources.bibleVerses(run("bible-kjv", "bible", "-l100000", "Gen1:1-Rev22:21"));
    }

    private static List<String> worldEnglishBible() throws IOException, InterruptedException {
        return TextSources.swordEntries(run("sword-text-web and libsword-utils", "mod2imp", WEB_MODULE));
    }

    /** The output of a command that prints a text source, read fully; {@code pkg} names what provides it. */
    static Reader run(String pkg, String... cmd) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("text", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(tmp.toFile()).start();
            if (p.waitFor() != 0) throw new IOException("'" + cmd[0] + "' failed (exit " + p.exitValue() + "); is " + pkg + " installed?");
            // malformed bytes become U+FFFD, which the filter rejects
            return new java.io.StringReader(new String(Files.readAllBytes(tmp), java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static List<Sentence> extract(String source, List<String> paragraphs) {
        List<Sentence> out = new ArrayList<>();
        for (String p : paragraphs) out.addAll(SentenceFilter.extract(source, p));
        return out;
    }
}
