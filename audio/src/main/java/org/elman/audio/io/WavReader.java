package org.elman.audio.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elman.audio.AudioData;
import org.elman.audio.AudioFormatException;
import org.elman.audio.pcm.PcmEncoding;

/**
 * Reads RIFF/WAVE files: PCM integer 8/16/24/32-bit, IEEE float 32/64-bit, plain or
 * WAVE_FORMAT_EXTENSIBLE, any channel count (downmixed to mono by averaging). Chunks other than
 * {@code fmt } and {@code data} are skipped. A data length of 0xFFFFFFFF (written by streaming
 * encoders) means "until the end of the file".
 *
 * <pre>{@code
 * try (AudioInput in = WavReader.open(Path.of("a.wav"))) { AudioData a = in.readAll(); }
 * }</pre>
 */
public final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    /** Opens a WAV file for block-wise reading; the header is parsed and validated here. */
    public static AudioInput open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return open(in, file.toString());
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    /** Reads a whole WAV file into memory. */
    public static AudioData read(Path file) throws IOException {
        try (AudioInput in = open(file)) {
            return in.readAll();
        }
    }

    /** Parses the header from a stream positioned at the start of a WAV file. */
    public static AudioInput open(InputStream stream, String source) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            String riff = fourCc(in);
            if (!riff.equals("RIFF") && !riff.equals("RF64")) {
                throw new AudioFormatException(source, "not a WAV file (starts with '" + printable(riff)
                        + "', expected 'RIFF')");
            }
            in.readInt();
            String wave = fourCc(in);
            if (!wave.equals("WAVE")) {
                throw new AudioFormatException(source, "RIFF file of type '" + printable(wave) + "', expected 'WAVE'");
            }
            return readChunks(in, source);
        } catch (EOFException e) {
            throw new AudioFormatException(source, "truncated WAV header", e);
        }
    }

    private static AudioInput readChunks(DataInputStream in, String source) throws IOException {
        Format fmt = null;
        while (true) {
            String id = fourCc(in);
            long size = u32(in);
            if (id.equals("fmt ")) {
                fmt = parseFormat(in, size, source);
            } else if (id.equals("data")) {
                if (fmt == null) throw new AudioFormatException(source, "'data' chunk before 'fmt ' chunk");
                long declared = size == 0xFFFFFFFFL ? -1 : size;
                if (declared == 0) throw new AudioFormatException(source, "zero-length audio (empty 'data' chunk)");
                return new PcmStreamInput(in, fmt.encoding, fmt.channels, fmt.rate, declared, source);
            } else {
                skipFully(in, size + (size & 1), source, id);
            }
        }
    }

    private record Format(PcmEncoding encoding, int channels, int rate) {
    }

    private static Format parseFormat(DataInputStream in, long size, String source) throws IOException {
        if (size < 16 || size > 1024) throw new AudioFormatException(source, "bad 'fmt ' chunk size " + size);
        int tag = u16(in);
        int channels = u16(in);
        long rate = u32(in);
        u32(in);
        int blockAlign = u16(in);
        int bits = u16(in);
        long rest = size - 16;
        if (tag == FORMAT_EXTENSIBLE) {
            if (rest < 24) throw new AudioFormatException(source, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk too short");
            u16(in);
            u16(in);
            u32(in);
            tag = u16(in);
            rest -= 8 + 2;
        }
        skipFully(in, rest + (size & 1), source, "fmt ");
        if (channels < 1 || channels > 64) {
            throw new AudioFormatException(source, "unsupported channel count " + channels + " (accepted: 1..64)");
        }
        AudioData.checkSampleRate(source, rate);
        PcmEncoding enc = tag == FORMAT_PCM ? PcmEncoding.intOfBits(bits)
                : tag == FORMAT_FLOAT ? PcmEncoding.floatOfBits(bits) : null;
        if (enc == null) {
            throw new AudioFormatException(source, "unsupported WAV encoding: format tag " + tag + " with "
                    + bits + " bits per sample (supported: PCM 8/16/24/32-bit, float 32/64-bit)");
        }
        if (blockAlign != enc.bytesPerSample() * channels) {
            throw new AudioFormatException(source, "inconsistent header: block align " + blockAlign + " for "
                    + channels + " channels of " + bits + " bits");
        }
        return new Format(enc, channels, (int) rate);
    }

    private static String fourCc(DataInputStream in) throws IOException {
        byte[] b = new byte[4];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static int u16(DataInputStream in) throws IOException {
        int a = in.readUnsignedByte();
        return a | (in.readUnsignedByte() << 8);
    }

    private static long u32(DataInputStream in) throws IOException {
        return u16(in) | ((long) u16(in) << 16);
    }

    private static void skipFully(DataInputStream in, long n, String source, String chunk) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new AudioFormatException(source, "truncated WAV file inside '" + chunk
                            + "' chunk; no 'data' chunk found");
                }
                s = 1;
            }
            left -= s;
        }
    }
}
