package org.elman.audio.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elman.audio.AudioFormatException;
import org.elman.audio.pcm.PcmEncoding;

/** Headerless interleaved little-endian PCM whose rate, encoding and channel count are given. */
public final class RawPcmReader {
    private RawPcmReader() {
    }

    /** Opens a raw PCM file; its size must be a whole number of frames and not zero. */
    public static AudioInput open(Path file, PcmEncoding encoding, int channels, int sampleRateHz) throws IOException {
        long size = Files.size(file);
        if (size == 0) throw new AudioFormatException(file.toString(), "zero-length audio (empty file)");
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new PcmStreamInput(in, encoding, channels, sampleRateHz, size, file.toString());
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads raw PCM from a stream (e.g. stdin or a socket) until it ends. */
    public static AudioInput open(InputStream in, PcmEncoding encoding, int channels, int sampleRateHz, String source) {
        return new PcmStreamInput(in, encoding, channels, sampleRateHz, -1, source);
    }

    /** Decodes a complete buffer of raw PCM (e.g. a WebSocket frame of PCM16LE) to mono floats. */
    public static float[] decode(byte[] bytes, int off, int len, PcmEncoding encoding, int channels, String source) {
        org.elman.audio.pcm.PcmDecoder d = new org.elman.audio.pcm.PcmDecoder(encoding, channels, source);
        if (len % d.bytesPerFrame() != 0) {
            throw new AudioFormatException(source, len + " bytes is not a whole number of " + d.bytesPerFrame()
                    + "-byte frames (" + encoding + ", " + channels + " channel(s))");
        }
        float[] out = new float[len / d.bytesPerFrame()];
        d.decode(bytes, off, out.length, out, 0, 0);
        return out;
    }
}
