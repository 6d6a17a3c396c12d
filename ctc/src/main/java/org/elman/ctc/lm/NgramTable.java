package org.elman.ctc.lm;

import java.util.Arrays;

/**
 * The n-grams of one order of an {@link ArpaLm}: word ids, log10 probability and back-off, in flat
 * arrays with open addressing (linear probing, at most 70 % full, grown by doubling). No object per
 * n-gram and no allocation per lookup: a {@code java.util.HashMap} of boxed keys took about 130
 * bytes per n-gram; this takes {@code (4n + 8) / load} bytes (about 24 for a bigram).
 *
 * <p>A key is {@code head[from..to)} followed by {@code tail} when {@code tail >= 0}, so that a
 * history and the next word are looked up without copying them into a new array. Word ids are
 * non-negative; a slot whose first id is -1 is empty.
 */
final class NgramTable {
    private static final float MAX_LOAD = 0.7f;
    private final int n;
    private int[] keys;
    private float[] logProbs;
    private float[] backoffs;
    private int size;
    private int mask;

    /** An empty table of n-grams of order {@code n}, sized for {@code expected} of them. */
    NgramTable(int n, int expected) {
        if (n < 1) throw new IllegalArgumentException("n-gram order must be >= 1, got " + n);
        this.n = n;
        allocate(capacityFor(Math.max(1, expected)));
    }

    private static int capacityFor(int count) {
        long c = Long.highestOneBit((long) Math.ceil(count / MAX_LOAD)) << 1;
        if (c > 1 << 30) throw new IllegalArgumentException("too many n-grams for one table: " + count);
        return (int) Math.max(16, c);
    }

    private void allocate(int capacity) {
        keys = new int[capacity * n];
        Arrays.fill(keys, -1);
        logProbs = new float[capacity];
        backoffs = new float[capacity];
        mask = capacity - 1;
        size = 0;
    }

    int size() {
        return size;
    }

    /** Adds an n-gram (ids oldest first); false, and nothing changed, when it is already there. */
    boolean put(int[] ids, float logProb, float backoff) {
        if (ids.length != n) throw new IllegalArgumentException("a table of " + n + "-grams got " + ids.length + " ids");
        for (int id : ids) if (id < 0) throw new IllegalArgumentException("word ids must be >= 0, got " + id);
        if (find(ids, 0, n, -1) >= 0) return false;
        if (size + 1 > MAX_LOAD * (mask + 1)) grow();
        insert(ids, 0, logProb, backoff);
        return true;
    }

    private void insert(int[] src, int srcOff, float logProb, float backoff) {
        int slot = NgramKey.mix(src, srcOff, srcOff + n, -1) & mask;
        while (keys[slot * n] >= 0) slot = (slot + 1) & mask;
        System.arraycopy(src, srcOff, keys, slot * n, n);
        logProbs[slot] = logProb;
        backoffs[slot] = backoff;
        size++;
    }

    private void grow() {
        int[] oldKeys = keys;
        float[] oldP = logProbs;
        float[] oldB = backoffs;
        allocate((mask + 1) * 2);
        for (int s = 0; s < oldP.length; s++) {
            if (oldKeys[s * n] >= 0) insert(oldKeys, s * n, oldP[s], oldB[s]);
        }
    }

    /**
     * The slot of the n-gram {@code head[from..to)} + {@code tail} ({@code tail < 0}: no tail
     * word), or -1 when it is not listed. The key must have n words.
     */
    int find(int[] head, int from, int to, int tail) {
        int slot = NgramKey.mix(head, from, to, tail) & mask;
        while (true) {
            int at = slot * n;
            if (keys[at] < 0) return -1;
            if (matches(at, head, from, to, tail)) return slot;
            slot = (slot + 1) & mask;
        }
    }

    private boolean matches(int at, int[] head, int from, int to, int tail) {
        for (int i = from; i < to; i++) {
            if (keys[at++] != head[i]) return false;
        }
        return tail < 0 || keys[at] == tail;
    }

    float logProb(int slot) {
        return logProbs[slot];
    }

    float backoff(int slot) {
        return backoffs[slot];
    }
}
