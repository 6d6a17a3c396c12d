package org.elman.ctc.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A trie over token ids; node 0 is the root. Shared by {@link Lexicon} and {@link HotWords}. */
final class TokenTrie {
    private final List<Map<Integer, Integer>> children = new ArrayList<>();
    private final List<Boolean> terminal = new ArrayList<>();
    private final List<Integer> parent = new ArrayList<>();

    TokenTrie() {
        addNode(-1);
    }

    private int addNode(int parentNode) {
        children.add(new HashMap<>());
        terminal.add(false);
        parent.add(parentNode);
        return children.size() - 1;
    }

    /** Inserts a token sequence; returns the node ids along its path (excluding the root). */
    int[] insert(int[] tokens) {
        int node = 0;
        int[] path = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            Integer next = children.get(node).get(tokens[i]);
            if (next == null) {
                next = addNode(node);
                children.get(node).put(tokens[i], next);
            }
            node = next;
            path[i] = node;
        }
        terminal.set(node, true);
        return path;
    }

    /** The child of {@code node} along {@code token}, -1 when there is none. */
    int child(int node, int token) {
        Integer c = children.get(node).get(token);
        return c == null ? -1 : c;
    }

    boolean isTerminal(int node) {
        return terminal.get(node);
    }

    boolean hasChildren(int node) {
        return !children.get(node).isEmpty();
    }

    /** The parent of a node (-1 for the root); parents have smaller ids than their children. */
    int parent(int node) {
        return parent.get(node);
    }

    int size() {
        return children.size();
    }
}
