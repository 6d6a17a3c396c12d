package org.elman.ctc.decode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The words a beam search may spell, as a trie of their tokens. With a lexicon, a prefix may only
 * extend the word in progress along the trie and may only end a word (separator, or end of input)
 * on a complete word.
 */
public final class Lexicon {
    private final TokenTrie trie = new TokenTrie();
    private final int words;

    /** Builds the trie; a word with an unknown character or a space is an error naming the word. */
    public Lexicon(Collection<String> wordList, TokenTable tokens) {
        int n = 0;
        for (String w : wordList) {
            if (w == null || w.isBlank()) throw new IllegalArgumentException("lexicon word " + n + " is empty");
            if (w.strip().contains(" ")) throw new IllegalArgumentException("lexicon word '" + w + "' contains a space");
            int[] ids;
            try {
                ids = tokens.encode(w.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lexicon word " + n + ": " + e.getMessage(), e);
            }
            trie.insert(ids);
            n++;
        }
        if (n == 0) throw new IllegalArgumentException("lexicon has no words");
        this.words = n;
    }

    /** Reads one word per line (the first whitespace-separated field; blank lines skipped). */
    public static Lexicon read(Path file, TokenTable tokens) throws IOException {
        List<String> list = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) continue;
            String w = line.strip().split("\\s+")[0];
            try {
                tokens.encode(w);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
            }
            list.add(w);
        }
        if (list.isEmpty()) throw new IllegalArgumentException(file + ": lexicon has no words");
        return new Lexicon(list, tokens);
    }

    public int size() {
        return words;
    }

    static int root() {
        return 0;
    }

    /** Next node after a token, -1 when no word continues that way. */
    int next(int node, int token) {
        return trie.child(node, token);
    }

    boolean isWord(int node) {
        return trie.isTerminal(node);
    }
}
