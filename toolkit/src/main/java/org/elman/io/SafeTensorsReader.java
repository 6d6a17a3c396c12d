package org.elman.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.elman.tensor.Tensor;

/**
 * An open safetensors file whose header has been read and validated; tensors are read one at a
 * time, on demand, straight from the file into their float arrays through a bounded buffer, so a
 * large file is never held in memory twice. Not thread-safe.
 *
 * <pre>{@code
 * try (SafeTensorsReader r = SafeTensors.open(path)) {
 *     Tensor w = r.read("encoder.weight");
 * }
 * }</pre>
 */
public final class SafeTensorsReader implements Closeable {
    /** Largest header accepted, as in the reference implementation (100 MB). */
    static final long MAX_HEADER = 100_000_000L;
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final SafeTensorsHeader header;

    SafeTensorsReader(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < 8) throw new SafeTensorsFormatException(file, "file is truncated: " + size + " bytes, a header length needs 8");
            ByteBuffer len = readAt(0, 8);
            long n = len.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (n < 2 || n > size - 8) {
                throw new SafeTensorsFormatException(file, "header length " + Long.toUnsignedString(n) + " does not fit a file of "
                        + size + " bytes (truncated file or not safetensors)");
            }
            if (n > MAX_HEADER) throw new SafeTensorsFormatException(file, "header length " + n + " exceeds the " + MAX_HEADER + "-byte limit");
            byte[] json = new byte[(int) n];
            readAt(8, (int) n).get(json);
            this.dataStart = 8 + n;
            this.header = SafeTensorsHeader.parse(file, json, size - dataStart);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return header.tensors.keySet();
    }

    /** The {@code __metadata__} map (empty when absent). */
    public Map<String, String> metadata() {
        return header.metadata;
    }

    /** The header entry of a tensor. */
    public TensorInfo info(String name) {
        TensorInfo t = header.tensors.get(name);
        if (t == null) throw new IllegalArgumentException(file + ": no tensor named '" + name + "'");
        return t;
    }

    /** Reads one tensor, converted to float32. */
    public Tensor read(String name) throws IOException {
        TensorInfo t = info(name);
        int numel = (int) t.numel();
        float[] out = new float[numel];
        int esize = t.dtype().size();
        int perChunk = CHUNK / esize;
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.min(CHUNK, Math.max(esize, numel * esize))).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < numel; done += perChunk) {
            int count = Math.min(perChunk, numel - done);
            buf.clear().limit(count * esize);
            fill(buf, dataStart + t.begin() + (long) done * esize);
            buf.flip();
            t.dtype().decode(buf, out, done, count);
        }
        return Tensor.of(out, t.shape());
    }

    /** Reads every tensor, in header order. */
    public Map<String, Tensor> readAll() throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : names()) out.put(name, read(name));
        return out;
    }

    private ByteBuffer readAt(long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        fill(b, position);
        return b.flip();
    }

    private void fill(ByteBuffer b, long position) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int r = channel.read(b, pos);
            if (r < 0) throw new SafeTensorsFormatException(file, "file is truncated: unexpected end at byte " + pos);
            pos += r;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
