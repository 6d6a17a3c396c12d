package org.elman.audio.io;

import java.io.IOException;
import java.io.InputStream;
import org.elman.audio.AudioData;
import org.elman.audio.AudioFormatException;
import org.elman.audio.pcm.PcmDecoder;
import org.elman.audio.pcm.PcmEncoding;

/**
 * Reads interleaved PCM from a byte stream in blocks: raw headerless PCM with a given rate and
 * encoding, and the data chunk of a WAV file. A trailing partial frame, or fewer bytes than a
 * declared length, is an {@link AudioFormatException} ("truncated").
 */
public final class PcmStreamInput implements AudioInput {
    private static final int BLOCK_BYTES = 1 << 16;

    private final InputStream in;
    private final PcmDecoder decoder;
    private final int rateHz;
    private final String source;
    private final long declaredBytes;
    private final byte[] buf;
    private long bytesRead;
    private int pending;
    private boolean eof;

    /**
     * @param declaredBytes length of the PCM data in bytes, or -1 to read until the stream ends
     */
    public PcmStreamInput(InputStream in, PcmEncoding encoding, int channels, int rateHz,
                          long declaredBytes, String source) {
        AudioData.checkSampleRate(source, rateHz);
        this.decoder = new PcmDecoder(encoding, channels, source);
        this.in = in;
        this.rateHz = rateHz;
        this.source = source;
        this.declaredBytes = declaredBytes;
        int fb = decoder.bytesPerFrame();
        this.buf = new byte[Math.max(fb, BLOCK_BYTES / fb * fb)];
        if (declaredBytes >= 0 && declaredBytes % fb != 0) {
            throw new AudioFormatException(source, "data length " + declaredBytes
                    + " bytes is not a whole number of " + fb + "-byte frames");
        }
    }

    @Override
    public int sampleRateHz() {
        return rateHz;
    }

    @Override
    public int sourceChannels() {
        return decoder.channels();
    }

    @Override
    public long totalSamples() {
        return declaredBytes < 0 ? -1 : declaredBytes / decoder.bytesPerFrame();
    }

    @Override
    public int read(float[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        int fb = decoder.bytesPerFrame();
        while (!eof && pending < fb) fill();
        if (pending < fb) {
            if (pending > 0) throw truncated();
            return -1;
        }
        int frames = Math.min(len, pending / fb);
        long firstFrame = (bytesRead - pending) / fb;
        decoder.decode(buf, 0, frames, dst, off, firstFrame);
        int used = frames * fb;
        System.arraycopy(buf, used, buf, 0, pending - used);
        pending -= used;
        return frames;
    }

    private void fill() throws IOException {
        long want = buf.length - pending;
        if (declaredBytes >= 0) want = Math.min(want, declaredBytes - bytesRead);
        if (want <= 0) {
            eof = true;
            return;
        }
        int r = in.read(buf, pending, (int) want);
        if (r < 0) {
            eof = true;
            if (declaredBytes >= 0 && bytesRead < declaredBytes) throw truncated();
            return;
        }
        pending += r;
        bytesRead += r;
    }

    private AudioFormatException truncated() {
        String expected = declaredBytes >= 0 ? declaredBytes + " bytes of audio declared, " : "";
        return new AudioFormatException(source, "truncated audio data: " + expected + bytesRead
                + " bytes found (frame size " + decoder.bytesPerFrame() + ")");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
