package org.elman.audio.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elman.audio.AudioData;

/** Writes mono 16-bit PCM or 32-bit float WAV files (samples clipped to [-1, 1]). */
public final class WavWriter {
    private WavWriter() {
    }

    /** Writes 16-bit PCM; samples are scaled by 32767 and rounded. */
    public static void writePcm16(Path file, AudioData audio) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            float[] s = audio.samples();
            header(out, 1, 16, audio.sampleRateHz(), s.length * 2L);
            byte[] b = new byte[s.length * 2];
            for (int i = 0; i < s.length; i++) {
                int v = Math.round(Math.max(-1f, Math.min(1f, s[i])) * 32767f);
                b[2 * i] = (byte) v;
                b[2 * i + 1] = (byte) (v >> 8);
            }
            out.write(b);
        }
    }

    /** Writes 32-bit IEEE float samples unchanged. */
    public static void writeFloat32(Path file, AudioData audio) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            float[] s = audio.samples();
            header(out, 3, 32, audio.sampleRateHz(), s.length * 4L);
            byte[] b = new byte[4];
            for (float v : s) {
                le32(b, Float.floatToRawIntBits(v));
                out.write(b);
            }
        }
    }

    private static void header(OutputStream out, int tag, int bits, int rate, long dataBytes) throws IOException {
        byte[] h = new byte[44];
        ascii(h, 0, "RIFF");
        le32(h, 4, (int) (36 + dataBytes));
        ascii(h, 8, "WAVE");
        ascii(h, 12, "fmt ");
        le32(h, 16, 16);
        h[20] = (byte) tag;
        h[22] = 1;
        le32(h, 24, rate);
        le32(h, 28, rate * bits / 8);
        h[32] = (byte) (bits / 8);
        h[34] = (byte) bits;
        ascii(h, 36, "data");
        le32(h, 40, (int) dataBytes);
        out.write(h);
    }

    private static void ascii(byte[] b, int p, String s) {
        for (int i = 0; i < 4; i++) b[p + i] = (byte) s.charAt(i);
    }

    private static void le32(byte[] b, int v) {
        le32(b, 0, v);
    }

    private static void le32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
        b[p + 2] = (byte) (v >> 16);
        b[p + 3] = (byte) (v >> 24);
    }
}
