package org.elman.ctc.decode;

import java.util.Arrays;

/**
 * A trie over token ids; node 0 is the root. Shared by {@link Lexicon}, {@link HotWords} and the
 * word LM's vocabulary ({@link VocabularyTries}).
 *
 * <p>The edges live in one open-addressing table keyed by {@code (node, token)} (linear probing,
 * at most half full), and the per-node facts in flat arrays: the beam search looks up a child for
 * almost every candidate token of every frame, and with a map per node (boxed keys, one table
 * each) these lookups were the largest part of its time for a 56k-word LM. A finished trie can be
 * {@link #compact}ed into a smaller read-only form.
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
     * Renumbers the nodes breadth-first so that each node's children are consecutive (in token
     * order), and replaces the edge table by two arrays of one int per node (for a 56k-word
     * vocabulary about 1.2 MB instead of 6 MB, so that lookups mostly hit the cache). Node ids
     * that {@link #insert} returned before are no longer valid; values, parents and terminal marks
     * move with their nodes. No insertions afterwards.
     */
    void compact() {
        if (firstChild != null) return;
        int[] start = new int[size + 1];
        int[] kids = new int[size];
        int[] token = new int[size];
        groupChildren(start, kids, token);
        int[] first = new int[size + 1];
        int[] order = breadthFirst(start, kids, first);
        int[] newId = new int[size];
        for (int pos = 0; pos < size; pos++) newId[order[pos]] = pos;
        int[] par = new int[size];
        boolean[] term = new boolean[size];
        int[] val = new int[size];
        int[] tok = new int[size];
        for (int pos = 0; pos < size; pos++) {
            int old = order[pos];
            par[pos] = old == 0 ? -1 : newId[parent[old]];
            term[pos] = terminal[old];
            val[pos] = value[old];
            tok[pos] = token[old];
        }
        parent = par;
        terminal = term;
        value = val;
        childToken = tok;
        firstChild = first;
        keys = null;
        edgeChild = null;
        childCount = null;
    }

    /**
     * The children of old node n as {@code kids[start[n] .. start[n+1])}, sorted by token, and
     * {@code token[c]}: the token of the edge into node c.
     */
    private void groupChildren(int[] start, int[] kids, int[] token) {
        for (int n = 1; n < size; n++) start[parent[n] + 1]++;
        for (int n = 0; n < size; n++) start[n + 1] += start[n];
        int[] fill = Arrays.copyOf(start, size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == FREE) continue;
            int c = edgeChild[i];
            kids[fill[(int) (keys[i] >>> 32)]++] = c;
            token[c] = (int) keys[i];
        }
        for (int n = 0; n < size; n++) {
            for (int k = start[n] + 1; k < start[n + 1]; k++) { // insertion sort: a node has few children
                int c = kids[k];
                int j = k - 1;
                for (; j >= start[n] && token[kids[j]] > token[c]; j--) kids[j + 1] = kids[j];
                kids[j + 1] = c;
            }
        }
    }

    /** Old node ids in breadth-first order (the new id is the position); {@code first[pos]}: the new id of its first child. */
    private int[] breadthFirst(int[] start, int[] kids, int[] first) {
        int[] order = new int[size];
        int next = 1;
        for (int pos = 0; pos < size; pos++) {
            first[pos] = next;
            for (int k = start[order[pos]]; k < start[order[pos] + 1]; k++) order[next++] = kids[k];
        }
        first[size] = next;
        return order;
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
        return firstChild != null ? firstChild[node + 1] > firstChild[node] : childCount[node] > 0;
    }

    /** The parent of a node (-1 for the root); parents have smaller ids than their children. */
    int parent(int node) {
        return parent[node];
    }

    int size() {
        return size;
    }
}
