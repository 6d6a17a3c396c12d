package org.elman.audio.feature;

import java.util.Arrays;
import org.elman.audio.frame.Framing;
import org.elman.audio.pcm.Resampler;

/**
 * Streaming feature extraction (Kaldi's {@code OnlineFeatureInterface} pattern). Feed samples at
 * {@code config.sampleRateHz()} in chunks of any size; frames become ready as soon as all their
 * samples have arrived (with {@code snipEdges=false}, the last few frames need
 * {@link #inputFinished()} because they mirror the signal's end). Every frame is computed from its
 * own samples only, so the output is bit-identical to {@link FeatureExtractor} for any chunking.
 *
 * <pre>{@code
 * OnlineFeatures f = new OnlineFeatures(FrontendConfig.defaults());
 * f.acceptWaveform(chunk, 0, chunk.length);       // repeatedly
 * FeatureMatrix m = f.frames(done, f.numFramesReady() - done);
 * }</pre>
 * Not thread-safe.
 */
public final class OnlineFeatures {
    private final FrontendConfig config;
    private final Framing framing;
    private final FrameFeatures computer;
    private final int dim;
    private final float[] frameBuf;
    private final Resampler resampler;
    private float[] samples = new float[4096];
    private long samplesStart;
    private int samplesLen;
    private boolean finished;
    private boolean borrowed;
    private float[] feats = new float[0];
    private long featsStart;
    private int framesReady;

    public OnlineFeatures(FrontendConfig config) {
        this(config, config.sampleRateHz());
    }

    /**
     * Accepts audio at {@code inputRateHz}, resampled on the fly (by a streaming {@link Resampler},
     * itself chunking-invariant) to the configured rate.
     */
    public OnlineFeatures(FrontendConfig config, int inputRateHz) {
        this(config, inputRateHz, false);
    }

    /** With {@code reference}, frames go through the plain {@link ReferenceFrameComputer}. */
    OnlineFeatures(FrontendConfig config, int inputRateHz, boolean reference) {
        this.resampler = inputRateHz == config.sampleRateHz() ? null : new Resampler(inputRateHz, config.sampleRateHz());
        this.config = config;
        this.framing = new Framing(config.frameLengthSamples(), config.frameShiftSamples(), config.snipEdges());
        this.computer = reference ? new ReferenceFrameComputer(config) : new FrameComputer(config);
        this.dim = config.featureDim();
        this.frameBuf = new float[config.frameLengthSamples()];
    }

    /**
     * Starts a new stream: afterwards this object behaves exactly as a new one with the same
     * configuration and input rate, but keeps its window, FFT, filterbank and resampler tables
     * (building those costs most of a new object; a server starts one stream per utterance).
     */
    public void reset() {
        if (borrowed) samples = new float[4096];
        borrowed = false;
        samplesStart = 0;
        samplesLen = 0;
        finished = false;
        featsStart = 0;
        framesReady = 0;
        if (resampler != null) resampler.reset();
    }

    public FrontendConfig config() {
        return config;
    }

    /** Values per frame. */
    public int dim() {
        return dim;
    }

    /** Appends samples (in [-1, 1], at the input rate) and computes every frame that became ready. */
    public void acceptWaveform(float[] wave, int off, int len) {
        if (finished) throw new IllegalStateException("acceptWaveform after inputFinished");
        if (off < 0 || len < 0 || off + len > wave.length) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + (off + len) + ") of " + wave.length);
        }
        if (resampler != null) {
            float[] r = resampler.process(wave, off, len, false);
            append(r, 0, r.length);
        } else {
            append(wave, off, len);
        }
        computeReady();
    }

    /**
     * Offline shortcut for {@link FeatureExtractor}: takes the whole signal without copying it (the
     * array is only read, never changed) and finishes the input. Same frames as
     * {@code acceptWaveform(all); inputFinished()}.
     */
    void acceptAllAndFinish(float[] all) {
        if (resampler != null || samplesLen != 0 || samplesStart != 0 || finished) {
            throw new IllegalStateException("acceptAllAndFinish needs a fresh extractor at the configured rate");
        }
        samples = all;
        samplesLen = all.length;
        borrowed = true;
        finished = true;
        ensureFeatureCapacity((int) framing.numFrames(all.length, true));
        computeReady();
    }

    /** All frames when none were released and the buffer holds exactly them (no copy), else a copy. */
    FeatureMatrix takeAll() {
        if (featsStart == 0 && feats.length == framesReady * dim) return new FeatureMatrix(feats, framesReady, dim);
        return frames((int) featsStart, framesReady - (int) featsStart);
    }

    private void append(float[] wave, int off, int len) {
        if (borrowed) throw new IllegalStateException("input already finished");
        if (samplesLen + len > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samplesLen + len, samples.length * 2));
        }
        System.arraycopy(wave, off, samples, samplesLen, len);
        samplesLen += len;
    }

    /** Declares the end of input; the remaining frames (if any) become ready. */
    public void inputFinished() {
        if (finished) return;
        if (resampler != null) {
            float[] r = resampler.process(new float[0], 0, 0, true);
            append(r, 0, r.length);
        }
        finished = true;
        computeReady();
    }

    public boolean isFinished() {
        return finished;
    }

    /** Frames computed so far (counted from the start of the stream). */
    public int numFramesReady() {
        return framesReady;
    }

    /** Copies frames {@code [start, start+count)} into a new matrix. */
    public FeatureMatrix frames(int start, int count) {
        float[] out = new float[count * dim];
        frames(start, count, out, 0);
        return new FeatureMatrix(out, count, dim);
    }

    /** Copies frames {@code [start, start+count)} into {@code dst[dstOff..]}. */
    public void frames(int start, int count, float[] dst, int dstOff) {
        if (start < featsStart || count < 0 || start + count > framesReady) {
            throw new IndexOutOfBoundsException("frames [" + start + ", " + (start + count) + ") requested; ready: ["
                    + featsStart + ", " + framesReady + ")");
        }
        System.arraycopy(feats, (int) (start - featsStart) * dim, dst, dstOff, count * dim);
    }

    /** Frees the memory of frames before {@code frame}; they can no longer be read. */
    public void releaseFramesBefore(int frame) {
        int drop = (int) (Math.min(frame, framesReady) - featsStart);
        if (drop <= 0) return;
        int keep = (int) (framesReady - featsStart) - drop;
        System.arraycopy(feats, drop * dim, feats, 0, keep * dim);
        featsStart += drop;
    }

    private void computeReady() {
        long total = samplesStart + samplesLen;
        int target = (int) framing.numFrames(total, finished);
        if (target > framesReady) {
            ensureFeatureCapacity(target);
            for (int t = framesReady; t < target; t++) {
                fillFrame(t, total);
                computer.compute(frameBuf, t, feats, (int) (t - featsStart) * dim);
            }
            framesReady = target;
        }
        discardConsumedSamples();
    }

    private void fillFrame(long t, long total) {
        long first = framing.firstSample(t);
        int len = frameBuf.length;
        if (first >= samplesStart && first + len <= total) {
            System.arraycopy(samples, (int) (first - samplesStart), frameBuf, 0, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            long s = Framing.reflect(first + i, total);
            frameBuf[i] = samples[(int) (s - samplesStart)];
        }
    }

    private void ensureFeatureCapacity(int frames) {
        long need = (frames - featsStart) * dim;
        if (need > feats.length) {
            feats = Arrays.copyOf(feats, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 8L, feats.length * 2L)));
        }
    }

    private void discardConsumedSamples() {
        if (borrowed) return;
        long keepFrom = Math.max(0, framing.firstSample(framesReady));
        int drop = (int) Math.min(samplesLen, keepFrom - samplesStart);
        if (drop <= 0 || drop < samples.length / 2 && !finished) return;
        System.arraycopy(samples, drop, samples, 0, samplesLen - drop);
        samplesLen -= drop;
        samplesStart += drop;
    }
}
