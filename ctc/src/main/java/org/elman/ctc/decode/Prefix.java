package org.elman.ctc.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * A node of one stream's prefix tree: the token sequence from the root, with everything the search
 * scores it by that does not depend on the frames (language-model states and scores, lexicon and
 * hot-word positions). Nodes are unique per token sequence, so beams are keyed by node.
 */
final class Prefix {
    final Prefix parent;
    final int token;
    final int length;
    /** Creation order within the stream; breaks score ties deterministically. */
    final int serial;
    /** Sum of the weighted LM scores, insertion bonuses and hot-word boosts of this prefix. */
    double bonus;
    int[] wordHistory;
    String partialWord = "";
    int[] charHistory;
    int lexNode;
    /** Node of the word in progress in the word LM's vocabulary trie; -1 once it left the trie. */
    int lmNode;
    int hotNode;
    /** Frame where entering this node scored best so far, and that score. */
    int frame = -1;
    double bestEnter = Double.NEGATIVE_INFINITY;
    /** Pruning generation in which this node was last seen in or under a live beam. */
    int alive;
    private Map<Integer, Prefix> children;

    Prefix(Prefix parent, int token, int serial) {
        this.parent = parent;
        this.token = token;
        this.length = parent == null ? 0 : parent.length + 1;
        this.serial = serial;
    }

    Prefix child(int token) {
        return children == null ? null : children.get(token);
    }

    void addChild(Prefix c) {
        if (children == null) children = new HashMap<>(4);
        children.put(c.token, c);
    }

    void forgetChildrenExcept(int generation) {
        if (children != null) children.values().removeIf(c -> c.alive != generation);
    }

    int last() {
        return parent == null ? -1 : token;
    }

    int[] tokens() {
        int[] out = new int[length];
        for (Prefix p = this; p.parent != null; p = p.parent) out[p.length - 1] = p.token;
        return out;
    }

    int[] frames() {
        int[] out = new int[length];
        for (Prefix p = this; p.parent != null; p = p.parent) out[p.length - 1] = p.frame;
        return out;
    }
}
