package org.elman.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsValuesShapesOrderAndMetadata() throws IOException {
        Random rng = new Random(1);
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("z.weight", Tensor.randn(rng, 3, 4));
        in.put("a.bias", Tensor.vector(Float.NaN, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE));
        in.put("scalar", Tensor.scalar(7f));
        in.put("empty", Tensor.zeros(0, 5));
        float[] storage = {9f, 1f, 2f, 3f, 9f};
        in.put("view", Tensor.wrap(storage, 1, 3));
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, in, Map.of("arch", "elman-rnn", "vocab", "a b \"c\" ünï"));
        assertEquals(0, (Files.size(f) - 8 - 4 * (12 + 4 + 1 + 3) - headerLength(f)), "no bytes beyond header + data");
        assertEquals(0, headerLength(f) % 8);
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(c.tensors().keySet()));
        for (String k : in.keySet()) {
            assertArrayEquals(in.get(k).shape(), c.tensors().get(k).shape(), k);
            assertArrayEquals(bits(in.get(k).toArray()), bits(c.tensors().get(k).toArray()), k);
        }
        assertEquals("a b \"c\" ünï", c.metadata().get("vocab"));
        assertEquals(2, c.metadata().size());
    }

    @Test
    void largeTensorSpanningSeveralChunksRoundTrips() throws IOException {
        Tensor big = Tensor.randn(new Random(2), 600_000);
        Path f = dir.resolve("big.safetensors");
        SafeTensors.write(f, Map.of("big", big), Map.of());
        try (SafeTensorsReader r = SafeTensors.open(f)) {
            TensorInfo info = r.info("big");
            assertEquals(DType.F32, info.dtype());
            assertEquals(2_400_000, info.end() - info.begin());
            assertArrayEquals(big.toArray(), r.read("big").toArray(), 0f);
            assertTrue(r.metadata().isEmpty());
            assertThrows(IllegalArgumentException.class, () -> r.read("nope"));
        }
    }

    @Test
    void halfPrecisionDecoding() {
        assertEquals(1.5f, DType.halfToFloat((short) 0x3E00));
        assertEquals(-2f, DType.halfToFloat((short) 0xC000));
        assertEquals(65504f, DType.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, DType.halfToFloat((short) 0x0001));
        assertEquals(-0f, DType.halfToFloat((short) 0x8000));
        assertEquals(Float.POSITIVE_INFINITY, DType.halfToFloat((short) 0x7C00));
        assertTrue(Float.isNaN(DType.halfToFloat((short) 0x7E00)));
    }

    @Test
    void readsOtherDtypesAsFloat() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(2 * 2 + 2 * 2 + 8 + 8 + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) 0x3C00).putShort((short) 0xC100); // F16 1, -2.5
        d.putShort((short) 0x3F80).putShort((short) 0xC060); // BF16 1, -3.5
        d.putDouble(0.25).putLong(-5).putInt(1 << 20).put((byte) 200);
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]},"
                + "\"l\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[16,24]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[1,1],\"data_offsets\":[24,28]},"
                + "\"u\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[28,29]}}";
        Map<String, Tensor> t = SafeTensors.read(raw("types", json, d.array())).tensors();
        assertArrayEquals(new float[] {1f, -2.5f}, t.get("h").toArray());
        assertArrayEquals(new float[] {1f, -3.5f}, t.get("b").toArray());
        assertEquals(0.25f, t.get("d").item());
        assertEquals(-5f, t.get("l").item());
        assertArrayEquals(new int[] {1, 1}, t.get("i").shape());
        assertEquals(1 << 20, t.get("i").item());
        assertEquals(200f, t.get("u").item());
    }

    // ---- malformed files: each must fail with a message naming the file and the problem ----

    private static final String ONE = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test
    void tooShortForHeaderLength() throws IOException {
        Path f = dir.resolve("short.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        expectBad(f, "truncated");
    }

    @Test
    void headerLengthLargerThanFile() throws IOException {
        Path f = dir.resolve("hlen.safetensors");
        Files.write(f, concat(le(1000), "{}".getBytes(StandardCharsets.UTF_8)));
        expectBad(f, "header length 1000");
    }

    @Test
    void nonJsonHeader() throws IOException {
        expectBad(raw("nonjson", "{\"a\": [1, 2", new byte[0]), "not valid JSON");
        expectBad(raw("trailing", "{} {}", new byte[0]), "not valid JSON");
        expectBad(raw("array", "[1, 2]", new byte[0]), "not a JSON object");
        expectBad(raw("dup", "{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0]), "not valid JSON");
    }

    @Test
    void invalidUtf8Header() throws IOException {
        byte[] h = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        Path f = dir.resolve("utf8.safetensors");
        Files.write(f, concat(le(h.length), h));
        expectBad(f, "UTF-8");
    }

    @Test
    void badDtype() throws IOException {
        expectBad(raw("dtype", ONE.replace("F32", "F33"), new byte[8]), "unsupported dtype 'F33'");
    }

    @Test
    void shapeSizeMismatch() throws IOException {
        expectBad(raw("shape", ONE.replace("[2]", "[3]"), new byte[8]), "needs 12 bytes");
        expectBad(raw("negshape", ONE.replace("[2]", "[-2]"), new byte[8]), "bad shape entry");
    }

    @Test
    void offsetsOutOfRangeOrReversed() throws IOException {
        expectBad(raw("range", ONE.replace("[0,8]", "[8,16]"), new byte[8]), "ends at byte 16");
        expectBad(raw("reversed", ONE.replace("[0,8]", "[8,0]"), new byte[8]), "before begin");
        expectBad(raw("missing", ONE.replace(",\"data_offsets\":[0,8]", ""), new byte[8]), "data_offsets");
    }

    @Test
    void overlappingGapAndTrailingBytes() throws IOException {
        String two = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        expectBad(raw("overlap", two, new byte[12]), "overlaps tensor 'a'");
        expectBad(raw("gap", two.replace("[4,12]", "[12,20]"), new byte[20]), "gap of 4");
        expectBad(raw("trailing", ONE, new byte[12]), "tensors cover 8");
    }

    @Test
    void truncatedFile() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.write(good, Map.of("w", Tensor.ones(4, 4)), Map.of());
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(all, all.length - 5));
        expectBad(cut, "truncated");
    }

    @Test
    void badMetadata() throws IOException {
        expectBad(raw("meta", "{\"__metadata__\":{\"k\":3}}", new byte[0]), "'k' is not a string");
        expectBad(raw("meta2", "{\"__metadata__\":[1]}", new byte[0]), "__metadata__ must be an object");
    }

    @Test
    void writerRejectsBadNames() {
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(dir.resolve("x"), Map.of("__metadata__", Tensor.ones(1)), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(dir.resolve("x"), Map.of("", Tensor.ones(1)), Map.of()));
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    private void expectBad(Path f, String problem) {
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
    }

    private Path raw(String name, String json, byte[] data) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve(name + ".safetensors");
        Files.write(f, concat(concat(le(h.length), h), data));
        return f;
    }

    private static byte[] le(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long headerLength(Path f) throws IOException {
        byte[] b = Arrays.copyOf(Files.readAllBytes(f), 8);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }
}
