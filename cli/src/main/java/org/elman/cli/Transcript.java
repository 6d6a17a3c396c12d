package org.elman.cli;

import java.util.List;

/**
 * What {@code elman transcribe} found in one input: its text, the words with times in seconds and
 * confidences (forced alignment of the decoded tokens), the alternatives of each decoding window
 * when more than one was asked for, and the audio duration.
 */
record Transcript(String id, String text, List<Word> words, List<Window> nBest, double durationSeconds) {
    /** A word: start and end in seconds from the start of the input, confidence in [0, 1]. */
    record Word(String word, double start, double end, double confidence) {}

    /** The n-best hypotheses of one decoding window (starting at {@code start} seconds). */
    record Window(double start, List<Alternative> hypotheses) {}

    /** One hypothesis: its text and decoder score (log domain). */
    record Alternative(String text, double score) {}
}
