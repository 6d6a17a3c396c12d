package org.elman.audio.frame;

/**
 * Where frames lie in a signal, following Kaldi's conventions.
 *
 * <p>With {@code snipEdges} true, frame {@code i} covers samples {@code [i*shift, i*shift + length)}
 * and only frames that fit completely are produced: {@code 1 + (N - length) / shift} of them (0 if
 * N < length). With {@code snipEdges} false, frame {@code i} is centred at {@code i*shift + shift/2},
 * there are {@code (N + shift/2) / shift} frames, and samples outside {@code [0, N)} are mirrored
 * back into the signal ({@code -1 -> 0}, {@code N -> N-1}).
 */
public record Framing(int lengthSamples, int shiftSamples, boolean snipEdges) {
    public Framing {
        if (lengthSamples < 2) throw new IllegalArgumentException("frame length must be >= 2 samples, got " + lengthSamples);
        if (shiftSamples < 1) throw new IllegalArgumentException("frame shift must be >= 1 sample, got " + shiftSamples);
    }

    /** Index of the first sample of frame {@code i} (may be negative when snipEdges is false). */
    public long firstSample(long i) {
        return snipEdges ? i * shiftSamples : i * shiftSamples + shiftSamples / 2 - lengthSamples / 2;
    }

    /**
     * Frames available from {@code numSamples} samples. When {@code finished} is false (more input
     * may come) only frames whose samples all lie inside the signal so far are counted, so the count
     * never exceeds and never changes the frames of the finished signal.
     */
    public long numFrames(long numSamples, boolean finished) {
        if (snipEdges) {
            return numSamples < lengthSamples ? 0 : 1 + (numSamples - lengthSamples) / shiftSamples;
        }
        long frames = (numSamples + shiftSamples / 2) / shiftSamples;
        if (finished) return frames;
        while (frames > 0 && firstSample(frames - 1) + lengthSamples > numSamples) frames--;
        return frames;
    }

    /** Maps a sample index outside {@code [0, n)} into it by mirroring, as Kaldi does. */
    public static long reflect(long s, long n) {
        while (s < 0 || s >= n) s = s < 0 ? -s - 1 : 2 * n - 1 - s;
        return s;
    }
}
