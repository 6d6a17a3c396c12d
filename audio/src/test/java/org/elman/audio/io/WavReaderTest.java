package org.elman.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.elman.audio.AudioData;
import org.elman.audio.AudioFormatException;
import org.elman.audio.pcm.PcmEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
    @TempDir
    Path dir;

    private static AudioData read(WavBytes w) throws IOException {
        try (AudioInput in = WavReader.open(new ByteArrayInputStream(w.build()), "test.wav")) {
            return in.readAll();
        }
    }

    private static AudioFormatException fails(WavBytes w) {
        return assertThrows(AudioFormatException.class, () -> read(w));
    }

    @Test
    void decodesEveryIntegerDepth() throws IOException {
        WavBytes w = new WavBytes();
        w.data = WavBytes.pcm16((short) 0, (short) 16384, (short) -32768, (short) 32767);
        assertArrayEquals(new float[] {0f, 0.5f, -1f, 32767f / 32768f}, read(w).samples());
        w.bits = 8;
        w.data = new byte[] {(byte) 128, (byte) 192, 0, (byte) 255};
        assertArrayEquals(new float[] {0f, 0.5f, -1f, 127f / 128f}, read(w).samples());
        w.bits = 24;
        w.data = new byte[] {0, 0, 0x40, 0, 0, (byte) 0x80};
        assertArrayEquals(new float[] {0.5f, -1f}, read(w).samples());
        w.bits = 32;
        w.data = new byte[] {0, 0, 0, (byte) 0xC0};
        assertArrayEquals(new float[] {-0.5f}, read(w).samples());
    }

    @Test
    void decodesFloatAndExtensibleAndSkipsOtherChunks() throws IOException {
        WavBytes w = new WavBytes();
        w.formatTag = 3;
        w.bits = 32;
        w.extensible = true;
        w.extraChunk = true;
        w.rate = 44100;
        w.data = WavBytes.float32(0.25f, -0.75f, 1.5f);
        AudioData a = read(w);
        assertEquals(44100, a.sampleRateHz());
        assertArrayEquals(new float[] {0.25f, -0.75f, 1f}, a.samples(), "float beyond 1 is clipped");
    }

    @Test
    void downmixesChannelsByAveraging() throws IOException {
        WavBytes w = new WavBytes();
        w.channels = 3;
        w.extensible = true;
        w.data = WavBytes.pcm16((short) 3000, (short) 6000, (short) 9000, (short) -300, (short) 0, (short) 300);
        assertArrayEquals(new float[] {6000f / 32768f, 0f}, read(w).samples(), 1e-7f);
    }

    @Test
    void badInputNamesTheProblem() {
        WavBytes w = new WavBytes();
        w.data = WavBytes.pcm16((short) 1, (short) 2);
        w.dataSizeOverride = 8L;
        assertTrue(fails(w).getMessage().contains("truncated"));
        w.dataSizeOverride = null;
        w.data = new byte[] {1, 2, 3};
        assertTrue(fails(w).getMessage().contains("whole number"));
        w.data = new byte[0];
        assertTrue(fails(w).getMessage().contains("zero-length"));
        w.data = WavBytes.pcm16((short) 1);
        w.rate = 0;
        assertTrue(fails(w).getMessage().contains("sample rate 0"));
        w.rate = 50_000_000;
        assertTrue(fails(w).getMessage().contains("implausible sample rate"));
        w.rate = 16000;
        w.formatTag = 2;
        assertTrue(fails(w).getMessage().contains("unsupported WAV encoding"));
        w.formatTag = 3;
        w.bits = 32;
        w.data = WavBytes.float32(0.1f, Float.NaN);
        AudioFormatException e = fails(w);
        assertTrue(e.getMessage().contains("test.wav") && e.getMessage().contains("sample 1 is NaN"), e.getMessage());
        w.data = WavBytes.float32(Float.POSITIVE_INFINITY);
        assertTrue(fails(w).getMessage().contains("Infinity"));
    }

    @Test
    void rejectsNonWavAndTruncatedHeaders() {
        byte[] good = new WavBytes().build();
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> WavReader.open(new ByteArrayInputStream("ID3hello world...".getBytes()), "song.mp3"));
        assertTrue(e.getMessage().startsWith("song.mp3: not a WAV file"), e.getMessage());
        e = assertThrows(AudioFormatException.class,
                () -> WavReader.open(new ByteArrayInputStream(Arrays.copyOf(good, 30)), "cut.wav"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void readsLongFilesInBlocks(@TempDir Path tmp) throws IOException {
        float[] s = new float[100_003];
        for (int i = 0; i < s.length; i++) s[i] = (float) Math.sin(i * 0.01) * 0.5f;
        Path f = tmp.resolve("long.wav");
        WavWriter.writeFloat32(f, new AudioData(s, 16000));
        float[] got = new float[s.length];
        int n = 0;
        float[] block = new float[4096];
        try (AudioInput in = WavReader.open(f)) {
            assertEquals(s.length, in.totalSamples());
            for (int r; (r = in.read(block, 0, 1000)) >= 0; n += r) System.arraycopy(block, 0, got, n, r);
        }
        assertEquals(s.length, n);
        assertArrayEquals(s, got);
        Path p16 = tmp.resolve("pcm16.wav");
        WavWriter.writePcm16(p16, new AudioData(s, 8000));
        AudioData back = WavReader.read(p16);
        assertEquals(8000, back.sampleRateHz());
        for (int i = 0; i < s.length; i++) assertEquals(s[i], back.samples()[i], 1.0 / 32767);
    }

    @Test
    void rawPcmFilesAndBuffers() throws IOException {
        Path f = dir.resolve("a.raw");
        Files.write(f, WavBytes.pcm16((short) 16384, (short) -16384, (short) 8192, (short) 8192));
        try (AudioInput in = RawPcmReader.open(f, PcmEncoding.S16LE, 2, 8000)) {
            assertArrayEquals(new float[] {0f, 0.25f}, in.readAll().samples());
        }
        Files.write(f, new byte[] {1, 2, 3});
        assertThrows(AudioFormatException.class, () -> RawPcmReader.open(f, PcmEncoding.S16LE, 1, 8000).readAll());
        Files.write(f, new byte[0]);
        assertThrows(AudioFormatException.class, () -> RawPcmReader.open(f, PcmEncoding.S16LE, 1, 8000));
        assertThrows(AudioFormatException.class, () -> RawPcmReader.open(f, PcmEncoding.S16LE, 1, -5));
        float[] d = RawPcmReader.decode(WavBytes.pcm16((short) -32768), 0, 2, PcmEncoding.S16LE, 1, "ws");
        assertArrayEquals(new float[] {-1f}, d);
        assertThrows(AudioFormatException.class, () -> RawPcmReader.decode(new byte[3], 0, 3, PcmEncoding.S16LE, 1, "ws"));
    }
}
