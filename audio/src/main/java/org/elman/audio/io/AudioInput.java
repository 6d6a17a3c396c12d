package org.elman.audio.io;

import java.io.IOException;
import java.util.Arrays;
import org.elman.audio.AudioData;

/**
 * A source of mono float samples in [-1, 1] read in blocks, so long files need bounded memory.
 * Multi-channel input is downmixed by averaging the channels.
 */
public interface AudioInput extends AutoCloseable {
    /** Sample rate in Hz. */
    int sampleRateHz();

    /** Channels in the source before downmixing. */
    int sourceChannels();

    /** Total mono samples if the header tells it, else -1. */
    long totalSamples();

    /**
     * Reads up to {@code len} samples into {@code dst[off..]}; returns the count read, or -1 at the
     * end of the audio. Blocks until at least one sample is available or the input ends.
     */
    int read(float[] dst, int off, int len) throws IOException;

    @Override
    void close() throws IOException;

    /** Reads everything that is left into one array. */
    default AudioData readAll() throws IOException {
        long total = totalSamples();
        float[] buf = new float[total > 0 && total < Integer.MAX_VALUE ? (int) total : 1 << 16];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (buf.length == Integer.MAX_VALUE - 8) throw new IOException("audio longer than 2^31 samples");
                buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8L, buf.length * 2L));
            }
            int r = read(buf, n, buf.length - n);
            if (r < 0) break;
            n += r;
        }
        return new AudioData(n == buf.length ? buf : Arrays.copyOf(buf, n), sampleRateHz());
    }
}
