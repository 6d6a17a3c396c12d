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
