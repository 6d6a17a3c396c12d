package org.elman.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CharRnnTest {
    @Test
    void learnsARepeatingTextAndGeneratesIt() {
        String text = "hello world. ".repeat(60);
        CharVocabulary vocab = CharVocabulary.of(text);
        CharRnn model = CharRnn.builder().setVocabSize(vocab.size()).optEmbeddingDim(8).optHiddenSize(32).optSeed(3).build();
        CharRnnTrainer trainer = new CharRnnTrainer(model, vocab.encode(text), 4, 16, 1e-2, 5.0);
        float first = trainer.step();
        float last = first;
        for (int i = 0; i < 150; i++) last = trainer.step();
        assertTrue(first > 2.0f, "initial loss should be near log(V), was " + first);
        assertTrue(last < 0.1f, "loss after training was " + last);
        assertEquals("hello world. hello world. hello", model.sample(vocab, "hel", 28, 0f, new Random(1)));
    }

    @Test
    void vocabularyRoundTripsAndRejectsUnknownCharacters() {
        CharVocabulary v = CharVocabulary.of("banana");
        assertEquals("abn", v.chars());
        assertEquals("nab", v.decode(v.encode("nab")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.encode("x"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of(""));
    }

    @Test
    void trainerRejectsTextTooShortForItsBatch() {
        CharVocabulary v = CharVocabulary.of("abc");
        CharRnn model = CharRnn.builder().setVocabSize(3).optHiddenSize(4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CharRnnTrainer(model, v.encode("abcabc"), 4, 16, 1e-2, 5.0));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharRnn.builder().build());
    }
}
