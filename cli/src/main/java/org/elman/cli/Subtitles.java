package org.elman.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SubRip (SRT) and WebVTT subtitles from timed words: words are grouped into cues of at most
 * {@value #MAX_SECONDS} s and {@value #MAX_CHARS} characters (a longer single word gets a cue of its
 * own); a cue runs from its first word's start to its last word's end.
 */
final class Subtitles {
    static final double MAX_SECONDS = 7.0;
    static final int MAX_CHARS = 42;

    /** One subtitle: times in seconds and its text. */
    record Cue(double start, double end, String text) {}

    private Subtitles() {
    }

    static List<Cue> cues(List<Transcript.Word> words) {
        List<Cue> cues = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        double start = 0;
        double end = 0;
        for (Transcript.Word w : words) {
            boolean fits = text.length() > 0 && w.end() - start <= MAX_SECONDS && text.length() + 1 + w.word().length() <= MAX_CHARS;
            if (text.length() > 0 && !fits) {
                cues.add(new Cue(start, end, text.toString()));
                text.setLength(0);
            }
            if (text.length() == 0) {
                start = w.start();
            } else {
                text.append(' ');
            }
            text.append(w.word());
            end = w.end();
        }
        if (text.length() > 0) cues.add(new Cue(start, end, text.toString()));
        return cues;
    }

    static String srt(List<Transcript.Word> words) {
        StringBuilder sb = new StringBuilder();
        List<Cue> cues = cues(words);
        for (int i = 0; i < cues.size(); i++) {
            Cue c = cues.get(i);
            sb.append(i + 1).append('\n').append(time(c.start(), ',')).append(" --> ").append(time(c.end(), ','))
                    .append('\n').append(c.text()).append("\n\n");
        }
        return sb.toString();
    }

    static String vtt(List<Transcript.Word> words) {
        StringBuilder sb = new StringBuilder("WEBVTT\n\n");
        for (Cue c : cues(words)) {
            sb.append(time(c.start(), '.')).append(" --> ").append(time(c.end(), '.')).append('\n').append(c.text()).append("\n\n");
        }
        return sb.toString();
    }

    /** {@code HH:MM:SS,mmm} (SRT) or {@code HH:MM:SS.mmm} (WebVTT). */
    static String time(double seconds, char separator) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, separator, ms % 1000);
    }
}
