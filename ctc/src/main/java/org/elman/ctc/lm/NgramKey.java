package org.elman.ctc.lm;

import java.util.Arrays;

/**
 * Word ids of one n-gram, oldest first, as a hash key. The hash mixes every id (a multiplicative
 * step per id and a final avalanche): {@link Arrays#hashCode(int[])}'s base 31 put up to 11 of the
 * bundled LM's bigrams in one {@link java.util.HashMap} bucket, whose tree bins are slow for keys
 * that are not comparable.
 */
final class NgramKey {
    private final int[] ids;
    private final int hash;

    NgramKey(int[] ids) {
        this.ids = ids;
        this.hash = mix(ids, 0, ids.length, -1);
    }

    /**
     * The hash of the n-gram {@code head[from..to)} followed by {@code tail} when {@code tail >= 0}
     * (so {@link NgramTable} hashes a history and the next word without copying them).
     */
    static int mix(int[] head, int from, int to, int tail) {
        int h = to - from + (tail >= 0 ? 1 : 0);
        for (int i = from; i < to; i++) h = (h + head[i]) * 0x9E3779B1;
        if (tail >= 0) h = (h + tail) * 0x9E3779B1;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** The key of {@code history[from..] + word}. */
    static NgramKey of(int[] history, int from, int word) {
        int[] ids = new int[history.length - from + 1];
        System.arraycopy(history, from, ids, 0, history.length - from);
        ids[ids.length - 1] = word;
        return new NgramKey(ids);
    }

    /** The key of {@code history[from..]}. */
    static NgramKey context(int[] history, int from) {
        return new NgramKey(Arrays.copyOfRange(history, from, history.length));
    }

    int first() {
        return ids[0];
    }

    int last() {
        return ids[ids.length - 1];
    }

    int id(int i) {
        return ids[i];
    }

    /** All but the first word. */
    NgramKey suffix() {
        return new NgramKey(Arrays.copyOfRange(ids, 1, ids.length));
    }

    /** All but the last word. */
    NgramKey prefix() {
        return new NgramKey(Arrays.copyOf(ids, ids.length - 1));
    }

    int order() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NgramKey k && k.hash == hash && Arrays.equals(k.ids, ids);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
