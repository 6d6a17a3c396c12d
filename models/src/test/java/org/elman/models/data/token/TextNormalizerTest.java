package org.elman.models.data.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    private static void check(String expected, String input) {
        assertEquals(expected, TextNormalizer.normalize(input), input);
    }

    @Test
    void punctuationCaseAndWhitespace() {
        check("hello world", "  Hello,\tWORLD!! ");
        check("well known semi colon", "well-known; semi:colon");
        check("", "  ...  ");
        check("ok", "Привет мир ok");
    }

    @Test
    void apostrophesKeptOnlyInsideWords() {
        check("don't quote me dogs bones em", "Don't 'quote' me, dogs' bones 'em");
        check("it's o'er", "It’s o‘er");
    }

    @Test
    void accentsAndSymbols() {
        check("cafe and creme fifty percent", "Café & crème — 50%");
        check("fine", "ﬁne");
    }

    @Test
    void cardinalNumbers() {
        check("zero", "0");
        check("one hundred one", "101");
        check("in one thousand nine hundred eighty four", "in 1984");
        check("one million two hundred thirty four thousand five hundred sixty seven", "1,234,567");
        check("one trillion", "1000000000000");
        check("one two three four five six seven eight nine zero one two three four five six",
                "1234567890123456");
        check("room one hundred one b", "room 101b");
    }

    @Test
    void ordinalsAndDecimals() {
        check("first second third fourth fifth eighth ninth twelfth", "1st 2nd 3rd 4th 5th 8th 9th 12th");
        check("twentieth twenty first one hundredth", "20th 21st 100th");
        check("three point one four", "3.14");
        check("pi is three point one four", "Pi is 3.14.");
    }
}
