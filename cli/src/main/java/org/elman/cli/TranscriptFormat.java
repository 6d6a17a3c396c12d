package org.elman.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Output formats of {@code elman transcribe}. {@code text}: the transcript (with several inputs,
 * {@code <id> <text>} lines, Kaldi's {@code text} layout; n-best alternatives follow as
 * {@code <id> <window-start> <rank> <score> <text>} lines with {@code --nbest}); {@code json}: one object per input
 * and line; {@code srt}, {@code vtt}: subtitles ({@link Subtitles}).
 */
enum TranscriptFormat {
    TEXT("txt"), JSON("json"), SRT("srt"), VTT("vtt");

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    final String extension;

    TranscriptFormat(String extension) {
        this.extension = extension;
    }

    /** The output for one input; {@code withId}: several inputs go to one stream. */
    String render(Transcript t, boolean withId) {
        return switch (this) {
            case TEXT -> text(t, withId);
            case JSON -> json(t) + "\n";
            case SRT -> Subtitles.srt(t.words());
            case VTT -> Subtitles.vtt(t.words());
        };
    }

    private static String text(Transcript t, boolean withId) {
        StringBuilder sb = new StringBuilder(withId ? t.id() + " " : "").append(t.text()).append('\n');
        for (Transcript.Window w : t.nBest()) {
            for (int r = 0; r < w.hypotheses().size(); r++) {
                Transcript.Alternative a = w.hypotheses().get(r);
                sb.append(String.format(Locale.ROOT, "%s %.2f %d %.4f %s%n", t.id(), w.start(), r + 1, a.score(), a.text()));
            }
        }
        return sb.toString();
    }

    static String json(Transcript t) {
        ObjectNode o = JSON_MAPPER.createObjectNode();
        o.put("id", t.id());
        o.put("text", t.text());
        o.put("duration", round(t.durationSeconds()));
        ArrayNode words = o.putArray("words");
        for (Transcript.Word w : t.words()) {
            words.addObject().put("word", w.word()).put("start", round(w.start())).put("end", round(w.end()))
                    .put("confidence", round(w.confidence()));
        }
        if (!t.nBest().isEmpty()) {
            ArrayNode windows = o.putArray("nbest");
            for (Transcript.Window w : t.nBest()) {
                ObjectNode wo = windows.addObject().put("start", round(w.start()));
                ArrayNode hyps = wo.putArray("hypotheses");
                for (Transcript.Alternative a : w.hypotheses()) hyps.addObject().put("text", a.text()).put("score", round(a.score()));
            }
        }
        return o.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
