package org.elman.models.data.synth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The de-duplicated sentences of every source, each assigned to one split.
 *
 * <p>De-duplication is by normalised transcript across all sources; the first source in the
 * given order keeps a shared sentence. The split of a sentence depends only on its transcript
 * (CRC-32 of its UTF-8 bytes, modulo 100): 0-2 dev, 3-5 test, the rest train. So about 3 % of the
 * sentences are held out for each of dev and test, and no sentence ever appears in two splits,
 * whatever the seed or corpus size.
 */
public final class SentencePool {
    /** CRC-32 buckets (of 100) that go to dev and to test. */
    static final int DEV_BUCKETS = 3;
    static final int TEST_BUCKETS = 3;

    private final Map<Split, Map<String, List<Sentence>>> bySplit = new EnumMap<>(Split.class);

    private SentencePool() {
    }

    /** Builds the pool from sentences per source, in source priority order. */
    public static SentencePool build(Map<String, List<Sentence>> bySource) {
        SentencePool pool = new SentencePool();
        for (Split s : Split.values()) {
            Map<String, List<Sentence>> m = new LinkedHashMap<>();
            for (String src : bySource.keySet()) m.put(src, new ArrayList<>());
            pool.bySplit.put(s, m);
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, List<Sentence>> e : bySource.entrySet()) {
            for (Sentence s : e.getValue()) {
                if (seen.add(s.transcript())) pool.bySplit.get(splitOf(s.transcript())).get(e.getKey()).add(s);
            }
        }
        return pool;
    }

    /** The split a transcript belongs to. */
    public static Split splitOf(String transcript) {
        CRC32 crc = new CRC32();
        crc.update(transcript.getBytes(StandardCharsets.UTF_8));
        int bucket = (int) (crc.getValue() % 100);
        return bucket < DEV_BUCKETS ? Split.DEV : bucket < DEV_BUCKETS + TEST_BUCKETS ? Split.TEST : Split.TRAIN;
    }

    /** The sentences of one source in one split, in source order. */
    public List<Sentence> sentences(Split split, String source) {
        return Collections.unmodifiableList(bySplit.get(split).getOrDefault(source, List.of()));
    }

    /** The transcripts of every source in one split, in source order (for example language-model text). */
    public List<String> transcripts(Split split) {
        List<String> out = new ArrayList<>();
        for (List<Sentence> list : bySplit.get(split).values()) {
            for (Sentence s : list) out.add(s.transcript());
        }
        return out;
    }

    /**
     * The text a language model may learn from: every training-split transcript, then the {@code
     * extra} lines (say {@link SentenceFilter#lmOnly} passages) that are not dev or test transcripts
     * and contain no dev or test transcript as a run of whole words (a long Bible verse can hold a
     * shorter test sentence); duplicates dropped, order kept.
     */
    public List<String> lmText(List<String> extra) {
        Set<String> out = new LinkedHashSet<>(transcripts(Split.TRAIN));
        HeldOut heldOut = new HeldOut(transcripts(Split.DEV), transcripts(Split.TEST));
        for (String line : extra) {
            if (!line.isEmpty() && !heldOut.isTranscript(line) && !heldOut.containedIn(line)) out.add(line);
        }
        return new ArrayList<>(out);
    }

    /** Dev and test transcripts, indexed by their first two words for the containment test. */
    private static final class HeldOut {
        private final Set<String> all = new HashSet<>();
        private final Map<String, List<String>> byStart = new HashMap<>();

        HeldOut(List<String> dev, List<String> test) {
            for (List<String> l : List.of(dev, test)) {
                for (String t : l) {
                    all.add(t);
                    byStart.computeIfAbsent(start(t.split(" "), 0), k -> new ArrayList<>()).add(" " + t + " ");
                }
            }
        }

        boolean isTranscript(String line) {
            return all.contains(line);
        }

        boolean containedIn(String line) {
            String[] w = line.split(" ");
            String padded = " " + line + " ";
            for (int i = 0; i < w.length; i++) {
                for (String t : byStart.getOrDefault(start(w, i), List.of())) {
                    if (padded.contains(t)) return true;
                }
            }
            return false;
        }

        private static String start(String[] words, int i) {
            return i + 1 < words.length ? words[i] + " " + words[i + 1] : words[i];
        }
    }

    /** Source names in priority order. */
    public List<String> sources() {
        return List.copyOf(bySplit.get(Split.TRAIN).keySet());
    }

    /** Total sentences in a split. */
    public int size(Split split) {
        return bySplit.get(split).values().stream().mapToInt(List::size).sum();
    }
}
