package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenTrieTest {
    /** 5,000 random words over 30 tokens (the edge table grows many times) against a map-per-node reference. */
    @Test
    void agreesWithAMapPerNodeReference() {
        Random rng = new Random(3);
        TokenTrie trie = new TokenTrie();
        List<Map<Integer, Integer>> ref = new ArrayList<>();
        ref.add(new HashMap<>());
        List<Integer> refParent = new ArrayList<>(List.of(-1));
        boolean[] refTerminal = new boolean[200_000];
        for (int w = 0; w < 5000; w++) {
            int[] word = new int[1 + rng.nextInt(8)];
            for (int i = 0; i < word.length; i++) word[i] = rng.nextInt(30);
            int[] path = trie.insert(word);
            int node = 0;
            for (int i = 0; i < word.length; i++) {
                Integer next = ref.get(node).get(word[i]);
                if (next == null) {
                    next = ref.size();
                    ref.get(node).put(word[i], next);
                    ref.add(new HashMap<>());
                    refParent.add(node);
                }
                node = next;
                assertEquals(node, path[i], "path of word " + w);
            }
            refTerminal[node] = true;
        }
        assertEquals(ref.size(), trie.size());
        for (int node = 0; node < ref.size(); node++) {
            assertEquals(refParent.get(node), trie.parent(node));
            assertEquals(refTerminal[node], trie.isTerminal(node));
            assertEquals(!ref.get(node).isEmpty(), trie.hasChildren(node));
            for (int token = 0; token < 32; token++) {
                assertEquals(ref.get(node).getOrDefault(token, -1), trie.child(node, token), "node " + node + " token " + token);
            }
        }
    }

    /** After compaction every word is found with its value, nothing else is, and parents still come first. */
    @Test
    void compactedTrieHoldsTheSameWords() {
        Random rng = new Random(7);
        TokenTrie trie = new TokenTrie();
        Map<List<Integer>, Integer> words = new HashMap<>();
        for (int w = 0; w < 3000; w++) {
            int[] word = new int[1 + rng.nextInt(7)];
            for (int i = 0; i < word.length; i++) word[i] = rng.nextInt(12);
            int[] path = trie.insert(word);
            trie.setValue(path[path.length - 1], w);
            words.put(java.util.Arrays.stream(word).boxed().toList(), w);
        }
        int size = trie.size();
        trie.compact();
        assertEquals(size, trie.size());
        for (Map.Entry<List<Integer>, Integer> e : words.entrySet()) {
            int node = 0;
            for (int token : e.getKey()) {
                int next = trie.child(node, token);
                assertTrue(next > node, "children come after their parent");
                assertEquals(node, trie.parent(next));
                node = next;
            }
            assertTrue(trie.isTerminal(node));
            assertEquals(e.getValue(), trie.value(node));
        }
        for (int t = 0; t < 100; t++) {
            int[] word = new int[1 + rng.nextInt(7)];
            for (int i = 0; i < word.length; i++) word[i] = rng.nextInt(14);
            int node = 0;
            for (int i = 0; i < word.length && node >= 0; i++) node = trie.child(node, word[i]);
            boolean known = words.containsKey(java.util.Arrays.stream(word).boxed().toList());
            assertEquals(known, node >= 0 && trie.isTerminal(node), java.util.Arrays.toString(word));
        }
        for (int node = 0; node < trie.size(); node++) {
            boolean any = false;
            for (int token = 0; token < 14; token++) any |= trie.child(node, token) >= 0;
            assertEquals(any, trie.hasChildren(node), "node " + node);
        }
        assertThrows(IllegalStateException.class, () -> trie.insert(new int[] {1}));
    }

    @Test
    void insertingAgainReturnsTheSamePathAndNegativeTokensAreRejected() {
        TokenTrie trie = new TokenTrie();
        int[] first = trie.insert(new int[] {4, 2, 7});
        assertArrayEquals(first, trie.insert(new int[] {4, 2, 7}));
        assertEquals(4, trie.size());
        assertFalse(trie.isTerminal(first[1]));
        trie.insert(new int[] {4, 2});
        assertTrue(trie.isTerminal(first[1]));
        assertEquals(-1, trie.child(0, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trie.insert(new int[] {1, -3}));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }
}
