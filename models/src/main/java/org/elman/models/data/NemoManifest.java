package org.elman.models.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NeMo JSON-lines manifests: one object per line with {@code audio_filepath},
 * {@code duration} (seconds), {@code text} and optionally {@code offset} (seconds).
 *
 * <p>Read: relative {@code audio_filepath}s are resolved against the manifest's folder. The
 * utterance id is the optional {@code utt_id} field, else the audio file name without extension
 * (plus {@code -<offset in ms>} when an offset is given); the speaker is the optional
 * {@code speaker} field, else the utterance id (Kaldi's convention for unknown speakers). The
 * utterance spans {@code [offset, offset + duration]}. Blank lines are skipped; a malformed line,
 * a missing or mistyped field, or a repeated id fails naming the file and line.
 *
 * <p>Write: one line per utterance with {@code audio_filepath} (absolute), {@code duration},
 * {@code text}, {@code offset} (only for segments), {@code utt_id} and {@code speaker}; the
 * duration must be known ({@link Utterance#hasEnd()}).
 */
public final class NemoManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NemoManifest() {
    }

    /** Reads a manifest into utterances in file order. */
    public static List<Utterance> read(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) throw new DataFormatException(manifest, "file not found");
        Path base = manifest.toAbsolutePath().getParent();
        List<Utterance> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (s.isBlank()) continue;
                Utterance u = parseLine(manifest, n, s, base);
                Integer first = seen.putIfAbsent(u.id(), n);
                if (first != null) {
                    throw new DataFormatException(manifest, n, "duplicate utterance id '" + u.id() + "' (first on line " + first + ")");
                }
                out.add(u);
            }
        }
        return out;
    }

    private static Utterance parseLine(Path manifest, int n, String line, Path base) throws DataFormatException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(manifest, n, "malformed JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) throw new DataFormatException(manifest, n, "expected a JSON object");
        String path = textField(manifest, n, node, "audio_filepath", true);
        String text = textField(manifest, n, node, "text", true);
        double duration = numberField(manifest, n, node, "duration", true);
        double offset = node.has("offset") ? numberField(manifest, n, node, "offset", false) : 0;
        if (!(duration > 0)) throw new DataFormatException(manifest, n, "duration must be > 0, got " + duration);
        if (!(offset >= 0)) throw new DataFormatException(manifest, n, "offset must be >= 0, got " + offset);
        Path audio = base.resolve(path).normalize();
        String id = node.has("utt_id") ? textField(manifest, n, node, "utt_id", false) : defaultId(audio, offset);
        String speaker = node.has("speaker") ? node.get("speaker").asText() : id;
        try {
            return new Utterance(id, speaker, audio, offset, offset + duration, text);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(manifest, n, e.getMessage());
        }
    }

    private static String defaultId(Path audio, double offset) {
        String name = audio.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("\\s+", "_");
        return offset > 0 ? stem + "-" + Math.round(offset * 1000) : stem;
    }

    private static String textField(Path f, int n, JsonNode node, String name, boolean required) throws DataFormatException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) throw new DataFormatException(f, n, "missing field '" + name + "'");
            return null;
        }
        if (!v.isTextual()) throw new DataFormatException(f, n, "field '" + name + "' must be a string, got " + v);
        return v.asText();
    }

    private static double numberField(Path f, int n, JsonNode node, String name, boolean required) throws DataFormatException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) throw new DataFormatException(f, n, "missing field '" + name + "'");
            return 0;
        }
        if (!v.isNumber()) throw new DataFormatException(f, n, "field '" + name + "' must be a number, got " + v);
        return v.asDouble();
    }

    /** Writes the utterances in the given order; every utterance needs a known end. */
    public static void write(Path manifest, List<Utterance> utterances) throws IOException {
        Path parent = manifest.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (BufferedWriter w = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
            for (Utterance u : utterances) {
                if (!u.hasEnd()) {
                    throw new IllegalArgumentException("utterance '" + u.id() + "' has no known duration; NeMo needs one");
                }
                ObjectNode o = JSON.createObjectNode();
                o.put("audio_filepath", u.audio().toAbsolutePath().normalize().toString());
                o.put("duration", Math.round(u.durationSeconds() * 1000) / 1000.0);
                o.put("text", u.text());
                if (u.startSeconds() > 0) o.put("offset", u.startSeconds());
                o.put("utt_id", u.id());
                o.put("speaker", u.speaker());
                w.write(JSON.writeValueAsString(o));
                w.write('\n');
            }
        }
    }
}
