package org.elman.audio.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.elman.audio.AudioData;
import org.elman.audio.AudioFormatException;

/**
 * Opens audio files by content: WAV ({@code RIFF}/{@code RF64}) and FLAC ({@code fLaC}) are decoded
 * in Java; anything else goes to ffmpeg if it is installed (see {@link FfmpegReader}).
 *
 * <pre>{@code
 * AudioData a = AudioFiles.read(Path.of("speech.flac"), 16000);   // mono, resampled to 16 kHz
 * try (AudioInput in = AudioFiles.open(Path.of("long.wav"), 16000)) { ... in.read(buf, 0, n) ... }
 * }</pre>
 */
public final class AudioFiles {
    private AudioFiles() {
    }

    /** Opens a file at its own sample rate. */
    public static AudioInput open(Path file) throws IOException {
        return open(file, 0);
    }

    /** Opens a file resampled to {@code targetRateHz} (0 keeps the file's rate; ffmpeg then uses 16 kHz). */
    public static AudioInput open(Path file, int targetRateHz) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "audio file not found");
        if (Files.size(file) == 0) throw new AudioFormatException(file.toString(), "zero-length audio (empty file)");
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        }
        String m = new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1);
        AudioInput in;
        if (m.equals("RIFF") || m.equals("RF64")) {
            in = WavReader.open(file);
        } else if (m.equals("fLaC")) {
            in = FlacReader.open(file);
        } else {
            try {
                return FfmpegReader.open(file, targetRateHz > 0 ? targetRateHz : 16000);
            } catch (AudioFormatException e) {
                throw withNameMismatch(file, m, e);
            }
        }
        return targetRateHz > 0 ? ResamplingInput.of(in, targetRateHz) : in;
    }

    /**
     * When ffmpeg cannot decode a file named {@code .wav} or {@code .flac} whose first bytes are not
     * that format's, the error says so first (a renamed MP3, a truncated download, a text file).
     */
    private static AudioFormatException withNameMismatch(Path file, String magic, AudioFormatException e) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String kind = name.endsWith(".wav") || name.endsWith(".wave") ? "WAV" : name.endsWith(".flac") ? "FLAC" : null;
        if (kind == null) return e;
        String expected = kind.equals("WAV") ? "RIFF" : "fLaC";
        String problem = e.getMessage().startsWith(e.source() + ": ") ? e.getMessage().substring(e.source().length() + 2) : e.getMessage();
        return new AudioFormatException(e.source(), "named like a " + kind + " file but it starts with '"
                + magic.replaceAll("[^\\x20-\\x7e]", "?") + "', not '" + expected + "'; " + problem, e);
    }

    /** Reads a whole file as mono audio at {@code targetRateHz} (0 keeps the file's rate). */
    public static AudioData read(Path file, int targetRateHz) throws IOException {
        try (AudioInput in = open(file, targetRateHz)) {
            AudioData a = in.readAll();
            if (a.samples().length == 0) throw new AudioFormatException(file.toString(), "zero-length audio (no samples)");
            return a;
        }
    }
}
