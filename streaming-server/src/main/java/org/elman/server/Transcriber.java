package org.elman.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.elman.audio.AudioData;
import org.elman.audio.io.AudioFiles;

/**
 * Whole-file transcription for {@code POST /v1/audio/transcriptions}: the file is read at the
 * model's rate and streamed through a {@link StreamDecoder} in one-second pieces, so the server's
 * endpoint rules split it into segments (subtitle cues).
 */
final class Transcriber {
    static final Set<String> FORMATS = Set.of("json", "text", "srt", "vtt", "verbose_json");

    /** A response body with its content type and the seconds of audio it covered. */
    record Output(String body, String contentType, double audioSeconds) {}

    private final DecoderSetup setup;

    Transcriber(DecoderSetup setup) {
        this.setup = setup;
    }

    Output transcribe(Path file, String format) throws IOException {
        int rate = setup.frontend().sampleRateHz();
        AudioData a = AudioFiles.read(file, rate);
        StreamDecoder d = new StreamDecoder(setup, new ClientConfig(rate, true, List.of()));
        List<StreamDecoder.Utterance> segments = new ArrayList<>();
        float[] x = a.samples();
        for (int at = 0; at < x.length; at += rate) {
            StreamDecoder.Utterance u = d.accept(java.util.Arrays.copyOfRange(x, at, Math.min(x.length, at + rate)));
            if (u != null && !u.text().isBlank()) segments.add(u);
        }
        StreamDecoder.Utterance last = d.finish();
        if (!last.text().isBlank()) segments.add(last);
        double duration = a.durationSeconds();
        return new Output(render(segments, format, duration), contentType(format), duration);
    }

    private static String contentType(String format) {
        return switch (format) {
            case "json", "verbose_json" -> "application/json";
            case "vtt" -> "text/vtt; charset=utf-8";
            default -> "text/plain; charset=utf-8";
        };
    }

    static String render(List<StreamDecoder.Utterance> segments, String format, double duration) {
        StringBuilder text = new StringBuilder();
        for (StreamDecoder.Utterance u : segments) text.append(text.length() == 0 ? "" : " ").append(u.text().strip());
        return switch (format) {
            case "json" -> Replies.write(Replies.JSON.createObjectNode().put("text", text.toString()));
            case "text" -> text + "\n";
            case "srt" -> subtitles(segments, false);
            case "vtt" -> "WEBVTT\n\n" + subtitles(segments, true);
            case "verbose_json" -> verbose(segments, text.toString(), duration);
            default -> throw new IllegalArgumentException("unknown response_format '" + format + "'");
        };
    }

    private static String verbose(List<StreamDecoder.Utterance> segments, String text, double duration) {
        ObjectNode o = Replies.JSON.createObjectNode().put("task", "transcribe").put("duration", duration).put("text", text);
        ArrayNode segs = o.putArray("segments");
        ArrayNode words = o.putArray("words");
        for (int i = 0; i < segments.size(); i++) {
            StreamDecoder.Utterance u = segments.get(i);
            segs.addObject().put("id", i).put("start", start(u)).put("end", end(u)).put("text", u.text());
            for (StreamDecoder.Word w : u.words()) words.addObject().put("word", w.word()).put("start", w.start()).put("end", w.end());
        }
        return Replies.write(o);
    }

    private static String subtitles(List<StreamDecoder.Utterance> segments, boolean vtt) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            StreamDecoder.Utterance u = segments.get(i);
            if (!vtt) s.append(i + 1).append('\n');
            s.append(stamp(start(u), vtt)).append(" --> ").append(stamp(end(u), vtt)).append('\n').append(u.text()).append("\n\n");
        }
        return s.toString();
    }

    private static double start(StreamDecoder.Utterance u) {
        return u.words().isEmpty() ? 0 : u.words().get(0).start();
    }

    private static double end(StreamDecoder.Utterance u) {
        return u.words().isEmpty() ? 0 : u.words().get(u.words().size() - 1).end();
    }

    /** {@code HH:MM:SS,mmm} (SRT) or {@code HH:MM:SS.mmm} (WebVTT). */
    static String stamp(double seconds, boolean vtt) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, vtt ? '.' : ',', ms % 1000);
    }
}
