package org.elman.ctc.lm;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A back-off n-gram language model read from an ARPA file (the format KenLM and SRILM write).
 *
 * <p>{@code log p(w | h) = logprob(h w)} when the n-gram {@code h w} is listed, otherwise
 * {@code backoff(h) + log p(w | h[1:])}; an unlisted {@code h} has back-off 0. Values in the file are
 * log10; every method here returns natural logarithms. Words missing from the unigrams map to
 * {@code <unk>} when the model has it; otherwise they score {@link #unknownLogProb()}.
 * Histories are int arrays of word ids, oldest first, at most {@code order - 1} long.
 */
public final class ArpaLm {
    private static final double LN10 = Math.log(10);
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";

    private final int order;
    private final Map<String, Integer> wordIds;
    private final List<String> words;
    private final List<NgramTable> grams;
    private final int unk;
    private final double unknownLogProb;

    ArpaLm(int order, Map<String, Integer> wordIds, List<String> words, List<NgramTable> grams,
           double unknownLogProb) {
        this.order = order;
        this.wordIds = wordIds;
        this.words = words;
        this.grams = grams;
        Integer u = wordIds.get(UNK);
        this.unk = u == null ? -1 : u;
        this.unknownLogProb = unknownLogProb;
    }

    /** Reads an ARPA file, plain or gzip-compressed (told apart by content); errors name the file and line. */
    public static ArpaLm read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream in = isGzip(raw) ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return ArpaReader.parse(r, file.toString());
        } catch (ZipException | EOFException e) {
            throw new IOException(file + ": corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /** Reads ARPA text from a reader; {@code source} names it in error messages. */
    public static ArpaLm read(Reader reader, String source) throws IOException {
        return ArpaReader.parse(new BufferedReader(reader), source);
    }

    /** Reads ARPA text held in a string. */
    public static ArpaLm parse(String arpa, String source) {
        try {
            return read(new StringReader(arpa), source);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    public int order() {
        return order;
    }

    public int vocabularySize() {
        return words.size();
    }

    /** The words of the unigram section, in file order. */
    public List<String> words() {
        return List.copyOf(words);
    }

    /** Id of a word, -1 when it is not in the model. */
    public int id(String word) {
        Integer i = wordIds.get(word);
        return i == null ? -1 : i;
    }

    /** Natural-log score given to words outside the vocabulary when the model has no {@code <unk>}. */
    public double unknownLogProb() {
        return unknownLogProb;
    }

    /** The history that starts a sentence: {@code [<s>]}, or empty when the model has no {@code <s>}. */
    public int[] startHistory() {
        int bos = id(BOS);
        return bos < 0 ? new int[0] : new int[] {bos};
    }

    /** Natural-log probability of {@code word} (an id, -1 for unknown) after {@code history}. */
    public double logProb(int[] history, int word) {
        if (word < 0) word = unk;
        if (word < 0) return unknownLogProb;
        double backoff = 0;
        int from = Math.max(0, history.length - (order - 1));
        for (; from <= history.length; from++) {
            int n = history.length - from + 1;
            NgramTable table = grams.get(n - 1);
            int e = table.find(history, from, history.length, word);
            if (e >= 0) return (backoff + table.logProb(e)) * LN10;
            if (from < history.length) {
                NgramTable contexts = grams.get(n - 2);
                int ctx = contexts.find(history, from, history.length, -1);
                if (ctx >= 0) backoff += contexts.backoff(ctx);
            }
        }
        return unknownLogProb; // a word id without a unigram cannot happen for ids from id()
    }

    /** The history after {@code word}: the last {@code order - 1} ids. Unknown words enter as {@code <unk>} (or -1). */
    public int[] extend(int[] history, int word) {
        if (word < 0) word = unk;
        int keep = Math.min(order - 1, history.length + 1);
        if (keep <= 0) return new int[0];   // a unigram model keeps no history
        int[] out = new int[keep];
        int copy = keep - 1;
        System.arraycopy(history, history.length - copy, out, 0, copy);
        out[keep - 1] = word;
        return out;
    }

    /** Natural-log probability of a whole sentence with {@code <s>} and {@code </s>}. */
    public double sentenceLogProb(String... sentence) {
        int[] h = startHistory();
        double total = 0;
        for (String w : sentence) {
            int id = id(w);
            total += logProb(h, id);
            h = extend(h, id);
        }
        int eos = id(EOS);
        return eos < 0 ? total : total + logProb(h, eos);
    }

    /** The log10 probability and back-off stored for an n-gram of words, or null when not listed. */
    public float[] entry(String... ngram) {
        if (ngram.length == 0 || ngram.length > order) return null;
        int[] ids = new int[ngram.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(ngram[i]);
            if (ids[i] < 0) return null;
        }
        NgramTable t = grams.get(ids.length - 1);
        int e = t.find(ids, 0, ids.length, -1);
        return e < 0 ? null : new float[] {t.logProb(e), t.backoff(e)};
    }

    /** Number of n-grams of each order (index 0: unigrams). */
    public int[] counts() {
        int[] c = new int[order];
        for (int i = 0; i < order; i++) c[i] = grams.get(i).size();
        return c;
    }
}
