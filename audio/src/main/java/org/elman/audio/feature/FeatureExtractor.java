package org.elman.audio.feature;

import org.elman.audio.AudioData;
import org.elman.audio.pcm.Resampler;

/**
 * Offline feature extraction: the streaming path of {@link OnlineFeatures} run once over a whole
 * signal. Audio at another rate is first resampled to {@code config.sampleRateHz()}.
 *
 * <pre>{@code
 * FeatureMatrix fbank = new FeatureExtractor(FrontendConfig.defaults()).compute(audio);
 * Tensor x = fbank.toTensor();                        // (T, 80)
 * }</pre>
 */
public final class FeatureExtractor {
    private final FrontendConfig config;

    public FeatureExtractor(FrontendConfig config) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        this.config = config;
    }

    public FrontendConfig config() {
        return config;
    }

    /** Features of samples already at {@code config.sampleRateHz()}. */
    public FeatureMatrix compute(float[] samples) {
        OnlineFeatures online = new OnlineFeatures(config);
        online.acceptWaveform(samples, 0, samples.length);
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
