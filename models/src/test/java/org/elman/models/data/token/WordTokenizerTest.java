package org.elman.models.data.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
    private final WordTokenizer tok = WordTokenizer.build(List.of("The cat sat.", "the dog sat", "THE CAT!", "a bird"), 2);

    @Test
    void vocabularyByCountThenCOrder() {
        assertEquals(List.of("the", "cat", "sat"), tok.words());
        assertEquals(5, tok.size());
        assertEquals("<blank>", tok.token(0));
        assertEquals("<unk>", tok.token(1));
    }

    @Test
    void unknownWordsBecomeUnk() {
        assertArrayEquals(new int[] {2, 1, 4}, tok.encode("The dog SAT!"));
        assertEquals("the <unk> sat", tok.decode(tok.encode("the dog sat")));
        assertArrayEquals(new int[0], tok.encode(" ,, "));
    }

    @Test
    void roundTripOfKnownWords() {
        assertEquals("the cat sat", tok.decode(tok.encode("  the, CAT   sat ")));
        assertEquals("cat the", tok.decode(new int[] {0, 3, 0, 0, 2}));
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {5}));
    }

    @Test
    void metadataRoundTrip() {
        Tokenizer back = Tokenizers.fromMetadata(tok.metadata());
        assertEquals(tok.size(), back.size());
        for (int i = 0; i < tok.size(); i++) assertEquals(tok.token(i), back.token(i));
        assertArrayEquals(tok.encode("the cat ran"), back.encode("the cat ran"));
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WordTokenizer.build(List.of("a"), 0));
        assertThrows(IllegalArgumentException.class, () -> new WordTokenizer(List.of("Cat")));
        assertThrows(IllegalArgumentException.class, () -> new WordTokenizer(List.of("two words")));
        assertThrows(IllegalArgumentException.class, () -> new WordTokenizer(List.of("a", "a")));
    }
}
