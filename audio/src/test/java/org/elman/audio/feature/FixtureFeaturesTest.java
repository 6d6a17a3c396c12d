package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import org.elman.audio.frame.WindowType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares every feature type against numpy/scipy references (gen_audio_fixtures.py, whose
 * docstring lists the same settings). Tolerance: |java - ref| <= 2e-3 + 1e-4 |ref| on log-domain
 * values; the references are float64 computations from the same float32 input samples.
 */
class FixtureFeaturesTest {
    private static final double FLOOR = 1e-10;

    static FrontendConfig.Builder plain() {
        return FrontendConfig.builder().optWindow(WindowType.HANN).optPreemphasis(0).optRemoveDcOffset(false)
                .optSampleScale(1).optLogFloor(FLOOR).optLowFreqHz(0).optHighFreqHz(8000);
    }

    static final Map<String, FrontendConfig> CASES = Map.of(
            "spectrogram", plain().optFeatureType(FeatureType.SPECTROGRAM).build(),
            "logmel_htk", plain().optMelScale(MelScale.HTK).optNumMelBins(80).build(),
            "logmel_slaney", plain().optMelScale(MelScale.SLANEY).optSlaneyNorm(true).optNumMelBins(64).build(),
            "mfcc_htk", plain().optWindow(WindowType.HAMMING).optPreemphasis(0.97).optMelScale(MelScale.HTK)
                    .optNumMelBins(40).optLowFreqHz(20).optHighFreqHz(7600).optFeatureType(FeatureType.MFCC).build(),
            "kaldi_fbank", FrontendConfig.defaults(),
            "kaldi_fbank_nosnip", FrontendConfig.builder().optSnipEdges(false).build(),
            "kaldi_mfcc", FrontendConfig.builder().optFeatureType(FeatureType.MFCC).optNumMelBins(23).build());

    @ParameterizedTest
    @ValueSource(strings = {"sine440", "chirp", "noise"})
    void matchesNumpyReference(String signal) {
        float[] x = Fixtures.signal(signal);
        for (Map.Entry<String, FrontendConfig> e : CASES.entrySet()) {
            FeatureMatrix ref = Fixtures.read(signal + "__" + e.getKey());
            FeatureMatrix got = new FeatureExtractor(e.getValue()).compute(x);
            String what = signal + "/" + e.getKey();
            assertEquals(ref.numFrames(), got.numFrames(), what + " frames");
            assertEquals(ref.dim(), got.dim(), what + " dim");
            for (int i = 0; i < ref.data().length; i++) {
                double r = ref.data()[i], g = got.data()[i];
                if (Math.abs(g - r) > 2e-3 + 1e-4 * Math.abs(r)) {
                    fail(what + ": frame " + i / ref.dim() + " bin " + i % ref.dim() + " got " + g + " expected " + r);
                }
            }
        }
    }
}
