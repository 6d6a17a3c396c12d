package org.elman.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a safetensors JSON header against the size of the data section: every
 * entry has a known dtype, a shape of non-negative integers and {@code data_offsets [begin, end]}
 * with {@code end - begin == numel * dtype size}; sorted by {@code begin}, the entries tile the
 * data section exactly (no overlap, no gap, no trailing bytes), as the reference implementation
 * requires.
 */
final class SafeTensorsHeader {
    static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    final Map<String, TensorInfo> tensors;
    final Map<String, String> metadata;

    private SafeTensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    static SafeTensorsHeader parse(Path file, byte[] header, long dataLength) throws SafeTensorsFormatException {
        JsonNode root;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(header)).toString();
            root = JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw new SafeTensorsFormatException(file, "header is not valid UTF-8", e);
        } catch (JsonProcessingException e) {
            throw new SafeTensorsFormatException(file, "header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) throw new SafeTensorsFormatException(file, "header is not a JSON object");
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(METADATA)) metadata = parseMetadata(file, e.getValue());
            else tensors.put(e.getKey(), parseEntry(file, e.getKey(), e.getValue()));
        }
        checkLayout(file, tensors, dataLength);
        return new SafeTensorsHeader(tensors, metadata);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws SafeTensorsFormatException {
        if (!node.isObject()) throw new SafeTensorsFormatException(file, "__metadata__ must be an object of strings");
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new SafeTensorsFormatException(file, "__metadata__ value of '" + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode node) throws SafeTensorsFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) throw new SafeTensorsFormatException(file, where + " is not a JSON object");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("dtype") && !f.equals("shape") && !f.equals("data_offsets")) {
                throw new SafeTensorsFormatException(file, where + " has unknown field '" + f + "'");
            }
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) throw new SafeTensorsFormatException(file, where + " has no dtype string");
        DType dtype = DType.parse(dt.asText());
        if (dtype == null) throw new SafeTensorsFormatException(file, where + " has unsupported dtype '" + dt.asText() + "'");
        int[] shape = parseShape(file, where, node.get("shape"));
        long[] off = parseOffsets(file, where, node.get("data_offsets"));
        TensorInfo info = new TensorInfo(name, dtype, shape, off[0], off[1]);
        long expected = info.numel() * dtype.size();
        if (off[1] - off[0] != expected) {
            throw new SafeTensorsFormatException(file, where + ": shape " + java.util.Arrays.toString(shape) + " of " + dtype
                    + " needs " + expected + " bytes but data_offsets [" + off[0] + ", " + off[1] + "] span " + (off[1] - off[0]));
        }
        return info;
    }

    private static int[] parseShape(Path file, String where, JsonNode node) throws SafeTensorsFormatException {
        if (node == null || !node.isArray()) throw new SafeTensorsFormatException(file, where + " has no shape array");
        int[] shape = new int[node.size()];
        double numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || d.asLong() < 0 || d.asLong() > Integer.MAX_VALUE) {
                throw new SafeTensorsFormatException(file, where + " has a bad shape entry " + d);
            }
            shape[i] = d.asInt();
            numel *= shape[i];
        }
        if (numel > Integer.MAX_VALUE) {
            throw new SafeTensorsFormatException(file, where + " has " + (long) numel + " elements, more than a Java array holds");
        }
        return shape;
    }

    private static long[] parseOffsets(Path file, String where, JsonNode node) throws SafeTensorsFormatException {
        if (node == null || !node.isArray() || node.size() != 2) {
            throw new SafeTensorsFormatException(file, where + " needs data_offsets [begin, end]");
        }
        long[] off = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new SafeTensorsFormatException(file, where + " has a bad data offset " + d);
            }
            off[i] = d.asLong();
        }
        if (off[1] < off[0]) throw new SafeTensorsFormatException(file, where + " has data_offsets end " + off[1] + " before begin " + off[0]);
        return off;
    }

    private static void checkLayout(Path file, Map<String, TensorInfo> tensors, long dataLength) throws SafeTensorsFormatException {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long pos = 0;
        TensorInfo prev = null;
        for (TensorInfo t : sorted) {
            if (t.end() > dataLength) {
                throw new SafeTensorsFormatException(file, "tensor '" + t.name() + "' ends at byte " + t.end()
                        + " of a data section of " + dataLength + " bytes (offsets out of range or file truncated)");
            }
            if (t.begin() < pos) {
                throw new SafeTensorsFormatException(file, "tensor '" + t.name() + "' [" + t.begin() + ", " + t.end()
                        + ") overlaps tensor '" + prev.name() + "' [" + prev.begin() + ", " + prev.end() + ")");
            }
            if (t.begin() > pos) {
                throw new SafeTensorsFormatException(file, "gap of " + (t.begin() - pos) + " unused bytes before tensor '" + t.name() + "'");
            }
            pos = t.end();
            prev = t;
        }
        if (pos != dataLength) {
            throw new SafeTensorsFormatException(file, "data section has " + dataLength + " bytes but the tensors cover " + pos);
        }
    }
}
