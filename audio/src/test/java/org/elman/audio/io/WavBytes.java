package org.elman.audio.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte for tests, including malformed ones. */
final class WavBytes {
    int formatTag = 1;
    int channels = 1;
    int rate = 16000;
    int bits = 16;
    boolean extensible;
    boolean extraChunk;
    Long dataSizeOverride;
    byte[] data = new byte[0];

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer fmt = ByteBuffer.allocate(fmtSize).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extensible) {
            fmt.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) formatTag);
            fmt.put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        chunk(body, "fmt ", fmt.array(), fmtSize);
        if (extraChunk) chunk(body, "LIST", new byte[] {1, 2, 3}, 3);
        long dataSize = dataSizeOverride != null ? dataSizeOverride : data.length;
        chunk(body, "data", data, dataSize);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] payload, long declared) {
        out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32((int) declared));
        out.writeBytes(payload);
        if (!id.equals("data") && (payload.length & 1) == 1) out.write(0);
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] pcm16(short... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : v) b.putShort(s);
        return b.array();
    }

    static byte[] float32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : v) b.putFloat(s);
        return b.array();
    }
}
