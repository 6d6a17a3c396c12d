package org.elman.ctc.decode;

import java.util.Arrays;

/**
 * A node of one stream's prefix tree: the token sequence from the root, with everything the search
 * scores it by that does not depend on the frames (language-model states and scores, lexicon and
 * hot-word positions). Nodes are unique per token sequence, so beams are keyed by node.
 */
final class Prefix {
    final Prefix parent;
    final int token;
    final int length;
    /** Creation (or revival, see {@link #revive}) order within the stream; breaks score ties deterministically. */
    int serial;
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
    /** Pruning generation in which this node was last a kept beam (its children then stay cached). */
    int kept;
    /** The created children and their tokens, {@code childCount} of each (a few; scanned, not hashed). */
    private Prefix[] children;
    private int[] childTokens;
    private int childCount;
    /** The beam of this prefix in the frame being computed, valid while {@code beamFrame} is that frame. */
    BeamStream.Beam beam;
    int beamFrame = -1;

    Prefix(Prefix parent, int token, int serial) {
        this.parent = parent;
        this.token = token;
        this.length = parent == null ? 0 : parent.length + 1;
        this.serial = serial;
    }

    Prefix child(int token) {
        for (int i = 0; i < childCount; i++) {
            if (childTokens[i] == token) return children[i];
        }
        return null;
    }

    /** Adds a child whose token is not yet among the children. */
    void addChild(Prefix c) {
        if (children == null) {
            children = new Prefix[4];
            childTokens = new int[4];
        } else if (childCount == children.length) {
            children = Arrays.copyOf(children, 2 * childCount);
            childTokens = Arrays.copyOf(childTokens, 2 * childCount);
        }
        children[childCount] = c;
        childTokens[childCount++] = c.token;
    }

    /**
     * Drops the children that are not alive in {@code generation}, unless this node is a kept beam
     * of it: then all its children stay, as a cache of their frame-independent scores (the beam
     * extends by the same tokens again next frame).
     */
    void forgetChildren(int generation) {
        if (kept == generation || childCount == 0) return;
        int n = 0;
        for (int i = 0; i < childCount; i++) {
            if (children[i].alive != generation) continue;
            children[n] = children[i];
            childTokens[n++] = childTokens[i];
        }
        Arrays.fill(children, n, childCount, null);
        childCount = n;
    }

    /**
     * Makes a cached child that was in no live beam after the last pruning behave as if created
     * now (the search without the cache would have dropped and re-created it): a new serial and no
     * entering frame yet. Its scores depend only on its tokens, so they stay.
     */
    void revive(int newSerial) {
        serial = newSerial;
        frame = -1;
        bestEnter = Double.NEGATIVE_INFINITY;
    }

    /** The number of nodes in the subtree under and including this one. */
    int subtreeSize() {
        int n = 1;
        for (int i = 0; i < childCount; i++) n += children[i].subtreeSize();
        return n;
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
