package org.elman.audio.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elman.audio.AudioData;
import org.elman.audio.AudioFormatException;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC files through the pure-Java jFLAC decoder, frame by frame (bounded memory). Samples are
 * scaled by {@code 2^(bits-1)} and channels averaged. Frames failing their CRC, or a stream that
 * ends before the sample count in its header, are an {@link AudioFormatException}.
 */
public final class FlacReader implements AudioInput {
    private final FLACDecoder decoder;
    private final InputStream in;
    private final String source;
    private final int channels;
    private final int rate;
    private final double scale;
    private final long total;
    private float[] block = new float[0];
    private int blockPos;
    private int blockLen;
    private long decoded;
    private boolean eof;
    private String frameError;

    private FlacReader(InputStream in, String source) throws IOException {
        this.in = in;
        this.source = source;
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 'f' || magic[1] != 'L' || magic[2] != 'a' || magic[3] != 'C') {
            throw new AudioFormatException(source, "not a FLAC file (no 'fLaC' marker)");
        }
        this.decoder = new FLACDecoder(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(magic), in));
        decoder.addFrameListener(new org.jflac.FrameListener() {
            @Override
            public void processMetadata(org.jflac.metadata.Metadata metadata) {
            }

            @Override
            public void processFrame(Frame frame) {
            }

            @Override
            public void processError(String msg) {
                if (frameError == null) frameError = msg;
            }
        });
        try {
            decoder.readMetadata();
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(source, "corrupt FLAC metadata: " + e.getMessage(), e);
        }
        StreamInfo info = decoder.getStreamInfo();
        if (info == null) throw new AudioFormatException(source, "FLAC file without STREAMINFO block");
        AudioData.checkSampleRate(source, info.getSampleRate());
        this.channels = info.getChannels();
        this.rate = info.getSampleRate();
        this.scale = 1.0 / (1L << (info.getBitsPerSample() - 1));
        this.total = info.getTotalSamples() > 0 ? info.getTotalSamples() : -1;
    }

    public static AudioInput open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new FlacReader(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public static AudioInput open(InputStream in, String source) throws IOException {
        return new FlacReader(in, source);
    }

    @Override
    public int sampleRateHz() {
        return rate;
    }

    @Override
    public int sourceChannels() {
        return channels;
    }

    @Override
    public long totalSamples() {
        return total;
    }

    @Override
    public int read(float[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (blockPos == blockLen) {
            if (eof || !nextFrame()) return -1;
        }
        int n = Math.min(len, blockLen - blockPos);
        System.arraycopy(block, blockPos, dst, off, n);
        blockPos += n;
        return n;
    }

    private boolean nextFrame() throws IOException {
        Frame frame;
        try {
            frame = decoder.readNextFrame();
        } catch (RuntimeException e) {
            throw new AudioFormatException(source, "corrupt FLAC frame: " + e, e);
        }
        if (frameError != null && frameError.contains("EOF")) {
            throw new AudioFormatException(source, "truncated FLAC stream: ends inside the frame after sample " + decoded);
        }
        if (decoder.getBadFrames() > 0 || frameError != null) {
            throw new AudioFormatException(source, "corrupt FLAC frame near sample " + decoded
                    + (frameError != null ? ": " + frameError.trim() : " (bad frame header)"));
        }
        if (frame == null) {
            eof = true;
            if (total > 0 && decoded < total) {
                throw new AudioFormatException(source, "truncated FLAC stream: " + decoded + " of " + total + " samples");
            }
            if (decoded == 0) throw new AudioFormatException(source, "zero-length audio (no FLAC frames)");
            return false;
        }
        int n = frame.header.blockSize;
        if (block.length < n) block = new float[n];
        ChannelData[] data = decoder.getChannelData();
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int c = 0; c < channels; c++) acc += data[c].getOutput()[i];
            block[i] = (float) (acc * scale / channels);
        }
        blockPos = 0;
        blockLen = n;
        decoded += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
