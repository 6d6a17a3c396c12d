package org.elman.ctc.lm;

import java.util.Arrays;

/** Word ids of one n-gram, oldest first, as a hash key. */
final class NgramKey {
    private final int[] ids;
    private final int hash;

    NgramKey(int[] ids) {
        this.ids = ids;
        this.hash = Arrays.hashCode(ids);
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
