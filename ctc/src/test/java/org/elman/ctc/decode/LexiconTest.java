package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconTest {
    private static final TokenTable TOKENS = TokenTable.characters("abc");

    @Test
    void readsWordsAndWalksTheTrie(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("words.txt");
        Files.write(f, List.of("ab 1.0", "", "abc", "c"));
        Lexicon lex = Lexicon.read(f, TOKENS);
        assertEquals(3, lex.size());
        int a = lex.next(Lexicon.root(), TOKENS.id("a"));
        int ab = lex.next(a, TOKENS.id("b"));
        assertFalse(lex.isWord(a));
        assertTrue(lex.isWord(ab));
        assertTrue(lex.isWord(lex.next(ab, TOKENS.id("c"))));
        assertEquals(-1, lex.next(ab, TOKENS.id("a")));
    }

    @Test
    void unknownCharactersNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.write(f, List.of("ab", "cx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lexicon.read(f, TOKENS));
        assertTrue(e.getMessage().startsWith(f + ":2: "), e.getMessage());
        assertTrue(e.getMessage().contains("no token for 'x'"), e.getMessage());
        Path empty = dir.resolve("empty.txt");
        Files.write(empty, List.of("", " "));
        e = assertThrows(IllegalArgumentException.class, () -> Lexicon.read(empty, TOKENS));
        assertTrue(e.getMessage().contains("no words"), e.getMessage());
    }
}
