package org.elman.audio.pcm;

import org.elman.audio.AudioFormatException;

/**
 * Converts interleaved little-endian PCM bytes to mono float samples in [-1, 1].
 *
 * <p>Integers are scaled by 2^(bits-1) (8-bit is unsigned with 128 as zero); channels are averaged.
 * Float samples must be finite (NaN or infinity is an {@link AudioFormatException} naming the
 * source and the frame index) and are clipped to [-1, 1].
 */
public final class PcmDecoder {
    private final PcmEncoding encoding;
    private final int channels;
    private final String source;

    public PcmDecoder(PcmEncoding encoding, int channels, String source) {
        if (encoding == null) throw new IllegalArgumentException("encoding must not be null");
        if (channels < 1 || channels > 64) {
            throw new AudioFormatException(source, "unsupported channel count " + channels + " (accepted: 1..64)");
        }
        this.encoding = encoding;
        this.channels = channels;
        this.source = source;
    }

    /** Bytes per interleaved frame (one sample of every channel). */
    public int bytesPerFrame() {
        return encoding.bytesPerSample() * channels;
    }

    public PcmEncoding encoding() {
        return encoding;
    }

    public int channels() {
        return channels;
    }

    /**
     * Decodes {@code frames} interleaved frames from {@code src[srcOff..]} into {@code dst[dstOff..]}.
     *
     * @param firstFrameIndex index of the first frame in the whole stream, used in error messages
     */
    public void decode(byte[] src, int srcOff, int frames, float[] dst, int dstOff, long firstFrameIndex) {
        int bps = encoding.bytesPerSample();
        float inv = 1f / channels;
        int p = srcOff;
        for (int f = 0; f < frames; f++) {
            double acc = 0;
            for (int c = 0; c < channels; c++, p += bps) {
                acc += sample(src, p, firstFrameIndex + f);
            }
            float v = channels == 1 ? (float) acc : (float) acc * inv;
            dst[dstOff + f] = v;
        }
    }

    private double sample(byte[] b, int p, long frameIndex) {
        switch (encoding) {
            case U8:
                return ((b[p] & 0xff) - 128) / 128f;
            case S16LE:
                return (short) ((b[p] & 0xff) | (b[p + 1] << 8)) / 32768f;
            case S24LE:
                return ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16)) / 8388608f;
            case S32LE:
                return (float) (int32(b, p) / 2147483648.0);
            case F32LE:
                return checkedFloat(Float.intBitsToFloat(int32(b, p)), frameIndex);
            default:
                long lo = int32(b, p) & 0xffffffffL;
                long hi = int32(b, p + 4);
                return checkedFloat(Double.longBitsToDouble((hi << 32) | lo), frameIndex);
        }
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
    }

    private double checkedFloat(double v, long frameIndex) {
        if (!Double.isFinite(v)) {
            throw new AudioFormatException(source, "sample " + frameIndex + " is " + v
                    + " (float audio must be finite)");
        }
        return Math.max(-1.0, Math.min(1.0, v));
    }
}
