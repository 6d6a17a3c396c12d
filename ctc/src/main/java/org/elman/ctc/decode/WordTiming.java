package org.elman.ctc.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * A word of a {@link Hypothesis} with its frames: from the emission frame of its first token to
 * one past the emission frame of its last token (CTC emits each token on a single peak frame, so
 * these are peak-to-peak times, not the acoustic extent of the word).
 */
public record WordTiming(String word, int start, int end) {
    /** Splits a hypothesis into words at the separator token. */
    public static List<WordTiming> of(Hypothesis h, TokenTable tokens) {
        List<WordTiming> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = -1;
        int end = -1;
        int[] ids = h.tokens();
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length || ids[i] == tokens.separator()) {
                if (word.length() > 0) out.add(new WordTiming(word.toString(), start, end));
                word.setLength(0);
                continue;
            }
            if (word.length() == 0) start = h.frames()[i];
            word.append(tokens.text(ids[i]));
            end = h.frames()[i] + 1;
        }
        return out;
    }
}
