package org.elman.ctc.decode;

import java.util.Arrays;

/**
 * A trie over token ids; node 0 is the root. Shared by {@link Lexicon}, {@link HotWords} and the
 * word LM's vocabulary ({@link VocabularyTries}).
 *
 * <p>The edges live in one open-addressing table keyed by {@code (node, token)} (linear probing,
 * at most half full), and the per-node facts in flat arrays: the beam search looks up a child for
 * almost every candidate token of every frame, and with a map per node (boxed keys, one table
 * each) these lookups were the largest part of its time for a 56k-word LM.
 */
final class TokenTrie {
    private static final long FREE = -1L;
    private long[] keys = newKeys(16);
    private int[] edgeChild = new int[16];
    private int edges;
    private int[] parent = new int[8];
    private int[] childCount = new int[8];
    private boolean[] terminal = new boolean[8];
    private int[] value = {-1, -1, -1, -1, -1, -1, -1, -1};
    private int size;
    /** After {@link #compact}: node n's children are the nodes {@code firstChild[n] .. firstChild[n+1]-1}, with tokens {@code childToken}. */
    private int[] firstChild;
    private int[] childToken;

    TokenTrie() {
        addNode(-1);
    }

    private static long[] newKeys(int capacity) {
        long[] k = new long[capacity];
        Arrays.fill(k, FREE);
        return k;
    }

    private int addNode(int parentNode) {
        if (size == parent.length) {
            parent = Arrays.copyOf(parent, 2 * size);
            childCount = Arrays.copyOf(childCount, 2 * size);
            terminal = Arrays.copyOf(terminal, 2 * size);
            value = Arrays.copyOf(value, 2 * size);
            Arrays.fill(value, size, value.length, -1);
        }
        parent[size] = parentNode;
        return size++;
    }

    /** Inserts a token sequence; returns the node ids along its path (excluding the root). */
    int[] insert(int[] tokens) {
        if (firstChild != null) throw new IllegalStateException("the trie was compacted; it takes no more words");
        int node = 0;
        int[] path = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0) throw new IllegalArgumentException("token id " + tokens[i] + " is negative");
            int next = child(node, tokens[i]);
            if (next < 0) {
                next = addNode(node);
                putEdge(node, tokens[i], next);
            }
            node = next;
            path[i] = node;
        }
        terminal[node] = true;
        return path;
    }

    /** The child of {@code node} along {@code token}, -1 when there is none. */
    int child(int node, int token) {
        if (firstChild != null) {
            for (int c = firstChild[node], end = firstChild[node + 1]; c < end; c++) {
                if (childToken[c] == token) return c;
            }
            return -1;
        }
        long key = key(node, token);
        int mask = keys.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) return edgeChild[i];
            if (k == FREE) return -1;
        }
    }

    private void putEdge(int node, int token, int child) {
        if (2 * (edges + 1) > keys.length) grow();
        long key = key(node, token);
        int mask = keys.length - 1;
        int i = slot(key);
        while (keys[i] != FREE) i = (i + 1) & mask;
        keys[i] = key;
        edgeChild[i] = child;
        edges++;
        childCount[node]++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldEdgeChild = edgeChild;
        keys = newKeys(2 * oldKeys.length);
        edgeChild = new int[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == FREE) continue;
            int i = slot(oldKeys[j]);
            while (keys[i] != FREE) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            edgeChild[i] = oldEdgeChild[j];
        }
    }

    /**
     * Renumbers the nodes breadth-first so that each node's children are consecutive, and replaces
     * the edge table by two arrays of one int per node (for a 56k-word vocabulary about 1.2 MB
     * instead of 6 MB, so that lookups mostly hit the cache). Node ids that {@link #insert} returned
     * before are no longer valid; values, parents and terminal marks move with their nodes. No
     * insertions afterwards.
     */
    void compact() {
        if (firstChild != null) return;
        int[] byParent = new int[size + 1];
        for (int n = 1; n < size; n++) byParent[parent[n] + 1]++;
        for (int n = 0; n < size; n++) byParent[n + 1] += byParent[n];
        int[] kids = new int[Math.max(0, size - 1)];
        int[] kidToken = new int[size];
        int[] fill = Arrays.copyOf(byParent, size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == FREE) continue;
            int from = (int) (keys[i] >>> 32);
            kids[fill[from]++] = edgeChild[i];
            kidToken[edgeChild[i]] = (int) keys[i];
        }
        int[] order = new int[size];  // old ids in breadth-first order; new id = position
        int[] newId = new int[size];
        int[] first = new int[size + 1];
        int next = 1;
        for (int pos = 0; pos < size; pos++) {
            int old = order[pos];
            first[pos] = next;
            int lo = byParent[old];
            int hi = byParent[old + 1];
            Integer[] sorted = new Integer[hi - lo];
            for (int k = lo; k < hi; k++) sorted[k - lo] = kids[k];
            Arrays.sort(sorted, (a, b) -> Integer.compare(kidToken[a], kidToken[b]));
            for (int k : sorted) {
                newId[k] = next;
                order[next++] = k;
            }
        }
        first[size] = next;
        int[] tok = new int[size];
        int[] par = new int[size];
        boolean[] term = new boolean[size];
        int[] val = new int[size];
        int[] count = new int[size];
        for (int pos = 0; pos < size; pos++) {
            int old = order[pos];
            tok[pos] = kidToken[old];
            par[pos] = old == 0 ? -1 : newId[parent[old]];
            term[pos] = terminal[old];
            val[pos] = value[old];
            count[pos] = childCount[old];
        }
        firstChild = first;
        childToken = tok;
        parent = par;
        terminal = term;
        value = val;
        childCount = count;
        keys = null;
        edgeChild = null;
    }

    /** Node in the high half, token in the low half; never {@link #FREE} as node and token are non-negative. */
    private static long key(int node, int token) {
        return ((long) node << 32) | (token & 0xFFFFFFFFL);
    }

    /** Fibonacci hashing: the top log2(capacity) bits of the key times the golden ratio. */
    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(keys.length)));
    }

    /** Attaches a value (e.g. the id of the word that ends here) to a node. */
    void setValue(int node, int v) {
        value[node] = v;
    }

    /** The node's value, -1 when none was set. */
    int value(int node) {
        return value[node];
    }

    boolean isTerminal(int node) {
        return terminal[node];
    }

    boolean hasChildren(int node) {
        return childCount[node] > 0;
    }

    /** The parent of a node (-1 for the root); parents have smaller ids than their children. */
    int parent(int node) {
        return parent[node];
    }

    int size() {
        return size;
    }
}
