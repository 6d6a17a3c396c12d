package org.elman.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elman.audio.io.AudioFiles;
import org.elman.audio.io.AudioInput;
import org.elman.audio.io.ResamplingInput;
import org.elman.audio.io.WavReader;
import org.elman.models.data.Utterance;

/**
 * One input to decode: a whole audio file, a segment of one (Kaldi {@code segments}, NeMo
 * {@code offset}/{@code duration}), or WAV on standard input. Opens as an {@link AudioInput} at
 * the model's rate, read block by block.
 */
record AudioJob(String id, Path file, double startSeconds, double endSeconds, InputStream stream) {
    static AudioJob file(String id, Path file) {
        return new AudioJob(id, file, 0, -1, null);
    }

    static AudioJob stdin(InputStream in) {
        return new AudioJob("-", null, 0, -1, in);
    }

    /** An utterance; a relative audio path that does not exist is taken relative to {@code base}. */
    static AudioJob of(Utterance u, Path base) {
        Path audio = u.audio();
        if (!audio.isAbsolute() && !Files.exists(audio) && base != null) audio = base.resolve(audio);
        return new AudioJob(u.id(), audio, u.startSeconds(), u.endSeconds(), null);
    }

    /** What error messages name: the file, or {@code -} for standard input. */
    String source() {
        return file == null ? "-" : file.toString();
    }

    AudioInput open(int rateHz) throws IOException {
        if (stream != null) return ResamplingInput.of(WavReader.open(stream, "-"), rateHz);
        Inputs.file(file, "audio file");
        AudioInput in = AudioFiles.open(file, rateHz);
        if (startSeconds <= 0 && endSeconds < 0) return in;
        return new Segment(in, Math.round(startSeconds * rateHz), endSeconds < 0 ? Long.MAX_VALUE : Math.round(endSeconds * rateHz));
    }

    /** Samples {@code [from, to)} of another input. */
    private static final class Segment implements AudioInput {
        private final AudioInput in;
        private final long from;
        private final long to;
        private long pos;

        Segment(AudioInput in, long from, long to) {
            this.in = in;
            this.from = from;
            this.to = to;
        }

        @Override
        public int read(float[] dst, int off, int len) throws IOException {
            if (pos < from) {
                float[] skip = new float[4096];
                while (pos < from) {
                    int r = in.read(skip, 0, (int) Math.min(skip.length, from - pos));
                    if (r < 0) return -1;
                    pos += r;
                }
            }
            if (pos >= to) return -1;
            int r = in.read(dst, off, (int) Math.min(len, to - pos));
            if (r > 0) pos += r;
            return r;
        }

        @Override
        public int sampleRateHz() {
            return in.sampleRateHz();
        }

        @Override
        public int sourceChannels() {
            return in.sourceChannels();
        }

        @Override
        public long totalSamples() {
            return -1;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
