package org.elman.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elman.audio.feature.FrontendConfig;
import org.elman.io.SafeTensorsReader;

/**
 * What {@code elman models} shows about a model file, from its tensor index and {@code __metadata__}.
 *
 * <p>Architecture: the first of the metadata keys {@code architecture}, {@code model.architecture},
 * {@code arch}, {@code model_type}, else any key ending in {@code .architecture}. Vocabulary size:
 * the length of the JSON array {@code tokenizer.tokens} (written by the models' tokenisers), else a
 * number under {@code vocab_size}, {@code vocabulary_size} or a key ending in one of them, else the
 * length of a JSON array under {@code vocabulary} or {@code tokens}; -1 when none is present.
 *
 * <p>Features: from the {@code frontend.*} keys (a {@code FrontendConfig} map, as speech model files
 * store it), the feature type and width, e.g. {@code FBANK x 80}; null when absent or invalid.
 *
 * @param tensors        number of tensors
 * @param parameters     total number of elements
 * @param architecture   the architecture name, or null
 * @param vocabularySize the vocabulary size, or -1
 * @param features       feature type and width, or null
 */
record ModelInfo(int tensors, long parameters, String architecture, int vocabularySize, String features) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ARCH_KEYS = List.of("architecture", "model.architecture", "arch", "model_type");
    private static final List<String> SIZE_KEYS = List.of("vocab_size", "vocabulary_size");
    private static final List<String> LIST_KEYS = List.of("tokenizer.tokens", "vocabulary", "tokens");

    static ModelInfo of(SafeTensorsReader r) {
        long params = 0;
        for (String name : r.names()) params += r.info(name).numel();
        return fromMetadata(r.names().size(), params, r.metadata());
    }

    static ModelInfo fromMetadata(int tensors, long params, Map<String, String> meta) {
        return new ModelInfo(tensors, params, architecture(meta), vocabularySize(meta), features(meta));
    }

    static String features(Map<String, String> meta) {
        Map<String, String> fe = new java.util.HashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("frontend.")) fe.put(k.substring("frontend.".length()), v);
        });
        if (fe.isEmpty()) return null;
        try {
            FrontendConfig c = FrontendConfig.fromMap(fe);
            return c.featureType() + " x " + c.featureDim();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String architecture(Map<String, String> meta) {
        for (String k : ARCH_KEYS) if (meta.containsKey(k)) return meta.get(k);
        for (Map.Entry<String, String> e : meta.entrySet()) if (e.getKey().endsWith(".architecture")) return e.getValue();
        return null;
    }

    static int vocabularySize(Map<String, String> meta) {
        int n = listSize(meta.get(LIST_KEYS.get(0)));
        if (n >= 0) return n;
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            for (String s : SIZE_KEYS) {
                if (k.equals(s) || k.endsWith("." + s)) {
                    try {
                        return Integer.parseInt(e.getValue().trim());
                    } catch (NumberFormatException ignored) {
                        // not a number: keep looking
                    }
                }
            }
        }
        for (String k : LIST_KEYS.subList(1, LIST_KEYS.size())) {
            n = listSize(meta.get(k));
            if (n >= 0) return n;
        }
        return -1;
    }

    private static int listSize(String json) {
        if (json == null) return -1;
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isArray() ? node.size() : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
