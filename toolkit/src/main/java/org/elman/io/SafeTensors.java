package org.elman.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elman.tensor.Tensor;

/**
 * The safetensors format: an 8-byte little-endian header length {@code n}, {@code n} bytes of
 * UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}
 * plus an optional {@code "__metadata__"} map of strings, then the data section holding every
 * tensor's little-endian bytes at its offsets. Files written here are float32, in map order,
 * with the header space-padded to a multiple of 8 bytes; they are readable by Python's {@code
 * safetensors}. Reading accepts F32, F16, BF16, F64 and integer types, converted to float32, and
 * rejects malformed files with a {@link SafeTensorsFormatException} naming the file and problem.
 *
 * <pre>{@code
 * SafeTensors.write(path, model.stateDict(), Map.of("arch", "elman"));
 * SafeTensors.Contents c = SafeTensors.read(path);
 * model.loadStateDict(c.tensors());
 * }</pre>
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_FLOATS = 1 << 18;

    private SafeTensors() {}

    /** All tensors (float32) and the metadata of a file. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** Opens a file for reading tensors on demand; close it when done. */
    public static SafeTensorsReader open(Path file) throws IOException {
        return new SafeTensorsReader(file);
    }

    /** Reads every tensor and the metadata. */
    public static Contents read(Path file) throws IOException {
        try (SafeTensorsReader r = open(file)) {
            return new Contents(r.readAll(), r.metadata());
        }
    }

    /** Writes float32 tensors and metadata, replacing {@code file} atomically ({@link AtomicFiles}). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, ch -> write(ch, header, tensors));
    }

    /** Writes the whole file to a channel. */
    public static void write(WritableByteChannel out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(out, header(tensors, metadata), tensors);
    }

    private static void write(WritableByteChannel out, byte[] header, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
        writeFully(out, len);
        writeFully(out, ByteBuffer.wrap(header));
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            for (int done = 0; done < t.numel(); done += CHUNK_FLOATS) {
                int count = Math.min(CHUNK_FLOATS, t.numel() - done);
                buf.clear();
                buf.asFloatBuffer().put(t.data(), t.offset() + done, count);
                buf.limit(count * 4);
                writeFully(out, buf);
            }
        }
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes. */
    static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafeTensorsHeader.METADATA);
            metadata.forEach((k, v) -> {
                if (k == null || v == null) throw new IllegalArgumentException("metadata keys and values must be non-null: " + k + "=" + v);
                meta.put(k, v);
            });
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(SafeTensorsHeader.METADATA)) {
                throw new IllegalArgumentException("bad tensor name '" + name + "'");
            }
            Tensor t = e.getValue();
            if (t == null) throw new IllegalArgumentException("tensor '" + name + "' is null");
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(t.shape()).forEach(shape::add);
            long end = offset + 4L * t.numel();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) out.write(b);
    }
}
