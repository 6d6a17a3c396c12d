package org.elman.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON messages of the vosk-server protocol, and parsing of client text messages. */
final class Replies {
    static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    static String partial(String text) {
        return write(JSON.createObjectNode().put("partial", text));
    }

    /** {@code {"result" : [{"conf", "end", "start", "word"}...], "text" : ...}}; no "result" without words. */
    static String result(StreamDecoder.Utterance u, boolean words) {
        ObjectNode o = JSON.createObjectNode();
        if (words && !u.words().isEmpty()) {
            ArrayNode a = o.putArray("result");
            for (StreamDecoder.Word w : u.words()) {
                a.addObject().put("conf", w.conf()).put("end", round(w.end())).put("start", round(w.start())).put("word", w.word());
            }
        }
        o.put("text", u.text());
        return write(o);
    }

    /**
     * vosk-server's n-best form, {@code {"alternatives" : [{"confidence", "result" : [{"end", "start",
     * "word"}...], "text"}...]}}, best first; no "result" without words.
     */
    static String alternatives(StreamDecoder.Utterance u, boolean words) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode alts = o.putArray("alternatives");
        for (StreamDecoder.Alternative alt : u.alternatives()) {
            ObjectNode a = alts.addObject().put("confidence", round(alt.confidence()));
            if (words && !alt.words().isEmpty()) {
                ArrayNode r = a.putArray("result");
                for (StreamDecoder.Word w : alt.words()) r.addObject().put("end", round(w.end())).put("start", round(w.start())).put("word", w.word());
            }
            a.put("text", alt.text());
        }
        return write(o);
    }

    /** A final result in the form the client asked for: alternatives when {@code max_alternatives > 0}. */
    static String result(StreamDecoder.Utterance u, ClientConfig client) {
        return client.maxAlternatives() > 0 ? alternatives(u, client.words()) : result(u, client.words());
    }

    static String error(String message) {
        return write(JSON.createObjectNode().put("error", message));
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }

    static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a text message into a JSON object, or throws with a message fit for the client. */
    static JsonNode parseObject(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("text message is not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("text message must be a JSON object (config, eof or reset)");
        return n;
    }
}
