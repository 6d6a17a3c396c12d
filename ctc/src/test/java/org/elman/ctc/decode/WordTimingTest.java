package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTimingTest {
    @Test
    void splitsAtSeparatorsWithFirstAndLastTokenFrames() {
        TokenTable tokens = TokenTable.characters("abc"); // <b>=0 |=1 a=2 b=3 c=4
        Hypothesis h = new Hypothesis(new int[] {1, 2, 3, 1, 1, 4}, new int[] {0, 2, 5, 7, 8, 12}, "ab c", 0, 0);
        assertEquals(List.of(new WordTiming("ab", 2, 6), new WordTiming("c", 12, 13)), WordTiming.of(h, tokens));
        assertEquals(List.of(), WordTiming.of(new Hypothesis(new int[0], new int[0], "", 0, 0), tokens));
    }
}
