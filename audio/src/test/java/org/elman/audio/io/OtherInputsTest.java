package org.elman.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.elman.audio.AudioData;
import org.elman.audio.AudioFormatException;
import org.elman.audio.feature.FeatureExtractor;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.pcm.PcmEncoding;
import org.elman.audio.pcm.Resampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherInputsTest {
    @TempDir
    Path dir;

    static int[][] ramp16(int channels, int n) {
        int[][] s = new int[channels][n];
        for (int c = 0; c < channels; c++) for (int i = 0; i < n; i++) s[c][i] = (i * 97 + c * 1000) % 65536 - 32768;
        return s;
    }

    @Test
    void flacStereo16AndMono24() throws IOException {
        int[][] s = ramp16(2, 1000);
        Path f = dir.resolve("a.flac");
        Files.write(f, FlacTestWriter.write(s, 22050, 16, 256));
        AudioData a = AudioFiles.read(f, 0);
        assertEquals(22050, a.sampleRateHz());
        assertEquals(1000, a.samples().length);
        for (int i = 0; i < 1000; i++) assertEquals((s[0][i] + s[1][i]) / 65536.0, a.samples()[i], 1e-7, "sample " + i);
        int[][] m = {{-8388608, 8388607, 4194304, 0}};
        Files.write(f, FlacTestWriter.write(m, 16000, 24, 3));
        try (AudioInput in = FlacReader.open(f)) {
            assertEquals(4, in.totalSamples());
            assertArrayEquals(new float[] {-1f, 8388607f / 8388608f, 0.5f, 0f}, in.readAll().samples());
        }
    }

    @Test
    void corruptAndTruncatedFlacNameTheProblem() throws IOException {
        byte[] good = FlacTestWriter.write(ramp16(1, 600), 16000, 16, 200);
        Path f = dir.resolve("bad.flac");
        Files.write(f, Arrays.copyOf(good, good.length - 300));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(f, 0));
        assertTrue(e.getMessage().contains("bad.flac") && e.getMessage().contains("truncated"), e.getMessage());
        byte[] flipped = good.clone();
        flipped[good.length - 100] ^= 0x55;
        Files.write(f, flipped);
        e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(f, 0));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertThrows(AudioFormatException.class,
                () -> FlacReader.open(new ByteArrayInputStream("RIFFxxxx".getBytes()), "x.flac"));
    }

    @Test
    void unknownFormatsGoToFfmpegWithAClearMessageWhenMissing() throws IOException {
        Path f = dir.resolve("a.mp3");
        Files.write(f, new byte[] {'I', 'D', '3', 4, 0, 0, 0});
        String old = System.getProperty("elman.ffmpeg");
        System.setProperty("elman.ffmpeg", dir.resolve("no-such-ffmpeg").toString());
        try {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(f, 16000));
            assertTrue(e.getMessage().contains("ffmpeg") && e.getMessage().contains("a.mp3"), e.getMessage());
            assertFalse(e.getMessage().contains("named like"), e.getMessage());
            // the same bytes named .wav: the error first says the header is not a WAV header
            Path renamed = dir.resolve("song.WAV");
            Files.write(renamed, new byte[] {'I', 'D', '3', 4, 0, 0, 0});
            e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(renamed, 16000));
            assertTrue(e.getMessage().startsWith(renamed + ": named like a WAV file but it starts with 'ID3?', not 'RIFF'; "
                    + "cannot decode this format without ffmpeg"), e.getMessage());
            Path flac = dir.resolve("take.flac");
            Files.write(flac, new byte[] {'R', 'I', 'F', 'X', 0, 0, 0});
            e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(flac, 16000));
            assertTrue(e.getMessage().startsWith(flac + ": named like a FLAC file but it starts with 'RIFX', not 'fLaC'; "),
                    e.getMessage());
            // a stand-in "ffmpeg" that writes four s16le samples shows the pipe and the argument list
            Path fake = dir.resolve("fake-ffmpeg");
            Files.writeString(fake, "#!/bin/sh\nprintf '\\000\\100\\000\\300\\000\\000\\377\\177'\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
            System.setProperty("elman.ffmpeg", fake.toString());
            AudioData a = AudioFiles.read(f, 8000);
            assertEquals(8000, a.sampleRateHz());
            assertArrayEquals(new float[] {0.5f, -0.5f, 0f, 32767f / 32768f}, a.samples());
            Files.writeString(fake, "#!/bin/sh\necho 'Invalid data found when processing input' >&2\nexit 1\n");
            e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(f, 8000));
            assertTrue(e.getMessage().contains("ffmpeg failed (exit 1): Invalid data"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty("elman.ffmpeg");
            else System.setProperty("elman.ffmpeg", old);
        }
    }

    @Test
    void resamplingInputMatchesOfflineResampling() throws IOException {
        float[] s = new float[30_001];
        for (int i = 0; i < s.length; i++) s[i] = (float) (0.4 * Math.sin(i * 0.02));
        Path f = dir.resolve("r.wav");
        WavWriter.writeFloat32(f, new AudioData(s, 44100));
        AudioData a = AudioFiles.read(f, 16000);
        assertArrayEquals(Resampler.resample(s, 44100, 16000), a.samples());
        try (AudioInput in = AudioFiles.open(f, 16000)) {
            assertEquals(a.samples().length, in.totalSamples());
        }
        FeatureExtractor fx = new FeatureExtractor(FrontendConfig.defaults());
        try (AudioInput in = WavReader.open(f)) {
            assertArrayEquals(fx.compute(new AudioData(s, 44100)).data(), fx.compute(in).data(), "streamed file features");
        }
        Files.write(dir.resolve("empty.wav"), new byte[0]);
        assertThrows(AudioFormatException.class, () -> AudioFiles.read(dir.resolve("empty.wav"), 0));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> AudioFiles.read(dir.resolve("nope.wav"), 0));
    }

    @Test
    void dispatcherAndStreamSources() throws Exception {
        float[] s = new float[5000];
        for (int i = 0; i < s.length; i++) s[i] = (float) Math.sin(i * 0.1) * 0.5f;
        try (AudioInput in = new DispatcherInput(AudioDispatcherFactory.fromFloatArray(s, 16000, 1000, 0))) {
            assertEquals(16000, in.sampleRateHz());
            float[] got = in.readAll().samples();
            assertTrue(got.length >= s.length, "got " + got.length);
            for (int i = 0; i < s.length; i++) assertEquals(s[i], got[i], 1e-4, "sample " + i);
        }
        byte[] pcm = {0, 64, 0, -64};
        try (AudioInput in = AudioSources.rawStream(new ByteArrayInputStream(pcm), PcmEncoding.S16LE, 1, 16000, 16000)) {
            assertArrayEquals(new float[] {0.5f, -0.5f}, in.readAll().samples());
        }
    }
}
