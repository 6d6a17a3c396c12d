package org.elman.audio.feature;

import java.io.IOException;
import org.elman.audio.AudioData;
import org.elman.audio.io.AudioInput;
import org.elman.audio.pcm.Resampler;

/**
 * Offline feature extraction: the streaming path of {@link OnlineFeatures} run once over a whole
 * signal. Audio at another rate is first resampled to {@code config.sampleRateHz()}. Holds no
 * mutable state, so one instance may be shared between threads.
 *
 * <pre>{@code
 * FeatureMatrix fbank = new FeatureExtractor(FrontendConfig.defaults()).compute(audio);
 * Tensor x = fbank.toTensor();                        // (T, 80)
 * }</pre>
 */
public final class FeatureExtractor {
    private final FrontendConfig config;
    private final boolean reference;

    public FeatureExtractor(FrontendConfig config) {
        this(config, false);
    }

    private FeatureExtractor(FrontendConfig config, boolean reference) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        this.config = config;
        this.reference = reference;
    }

    /**
     * An extractor that computes every frame with the plain reference pipeline (one step at a
     * time, radix-2/4 {@link org.elman.audio.frame.RealFft}) instead of the fast one. Same
     * settings and frames; both are double precision and agree to about 1e-6 relative (the tests
     * bound the difference). For validation and A/B benchmarks.
     */
    public static FeatureExtractor reference(FrontendConfig config) {
        return new FeatureExtractor(config, true);
    }

    public FrontendConfig config() {
        return config;
    }

    /** Features of samples already at {@code config.sampleRateHz()}. */
    public FeatureMatrix compute(float[] samples) {
        OnlineFeatures online = new OnlineFeatures(config, config.sampleRateHz(), reference);
        online.acceptAllAndFinish(samples);
        return online.takeAll();
    }

    /**
     * Features of a whole stream read block by block (bounded memory for the audio; the features are
     * kept), resampled on the fly when its rate differs. Same output as {@link #compute(AudioData)}.
     */
    public FeatureMatrix compute(AudioInput in) throws IOException {
        OnlineFeatures online = new OnlineFeatures(config, in.sampleRateHz(), reference);
        float[] block = new float[1 << 14];
        for (int n; (n = in.read(block, 0, block.length)) >= 0; ) online.acceptWaveform(block, 0, n);
        online.inputFinished();
        return online.frames(0, online.numFramesReady());
    }

    /** Features of audio at any rate (resampled to the configured rate when it differs). */
    public FeatureMatrix compute(AudioData audio) {
        float[] s = audio.sampleRateHz() == config.sampleRateHz() ? audio.samples()
                : Resampler.resample(audio.samples(), audio.sampleRateHz(), config.sampleRateHz());
        return compute(s);
    }
}
