package org.elman.models.data.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CharTokenizerTest {
    private final CharTokenizer tok = CharTokenizer.english();

    @Test
    void layoutIsBlankSeparatorLettersApostrophe() {
        assertEquals(29, tok.size());
        assertEquals("<blank>", tok.token(0));
        assertEquals("|", tok.token(1));
        assertEquals("a", tok.token(2));
        assertEquals("z", tok.token(27));
        assertEquals("'", tok.token(28));
    }

    @Test
    void encodesNormalisedTextWithSeparators() {
        assertArrayEquals(new int[] {9, 10, 1, 2, 28, 20}, tok.encode("  Hi,  A'S!"));
        assertArrayEquals(new int[0], tok.encode("?!"));
    }

    @Test
    void roundTripGivesNormalisedText() {
        for (String s : new String[] {"The 3 little pigs' house", "don't stop", "x", "Ünïcödé wörds"}) {
            assertEquals(TextNormalizer.normalize(s), tok.decode(tok.encode(s)), s);
        }
    }

    @Test
    void decodeSkipsBlanksAndExtraSeparators() {
        assertEquals("ab c", tok.decode(new int[] {0, 1, 2, 0, 3, 1, 1, 0, 4, 1}));
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {29}));
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {-1}));
    }

    @Test
    void unknownCharactersOfACustomAlphabetAreDropped() {
        CharTokenizer abc = new CharTokenizer("abc");
        assertEquals("ab cab", abc.decode(abc.encode("Abd xyz cab")));
        assertArrayEquals(new int[] {2, 3, 1, 4}, abc.encode("ab zz c"));
    }

    @Test
    void badAlphabetsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CharTokenizer("aba"));
        assertThrows(IllegalArgumentException.class, () -> new CharTokenizer("a|"));
        assertThrows(IllegalArgumentException.class, () -> new CharTokenizer("a b"));
        assertThrows(IllegalArgumentException.class, () -> new CharTokenizer(""));
    }

    @Test
    void metadataRoundTrip() {
        Map<String, String> meta = tok.metadata();
        assertEquals("char", meta.get("tokenizer.type"));
        Tokenizer back = Tokenizers.fromMetadata(meta);
        assertInstanceOf(CharTokenizer.class, back);
        assertEquals(tok.symbols(), ((CharTokenizer) back).symbols());
        assertArrayEquals(tok.encode("round trip"), back.encode("round trip"));
    }

    @Test
    void badMetadataIsRejectedClearly() {
        Map<String, String> meta = new HashMap<>(tok.metadata());
        meta.put("tokenizer.normalizer", "other");
        assertThrows(IllegalArgumentException.class, () -> Tokenizers.fromMetadata(meta));
        Map<String, String> noType = new HashMap<>(tok.metadata());
        noType.remove("tokenizer.type");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.fromMetadata(noType));
        assertEquals("model metadata has no 'tokenizer.type'", e.getMessage());
        Map<String, String> badJson = new HashMap<>(tok.metadata());
        badJson.put("tokenizer.tokens", "[1,");
        assertThrows(IllegalArgumentException.class, () -> Tokenizers.fromMetadata(badJson));
    }
}
