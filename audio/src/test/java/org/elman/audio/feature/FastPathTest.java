package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.elman.audio.frame.WindowType;
import org.junit.jupiter.api.Test;

/**
 * The fast feature path ({@link FrameComputer}) against the plain step-by-step reference
 * ({@link FeatureExtractor#reference}) for every feature type and the settings that change the
 * per-frame computation. Both are double precision; only summation order and the log differ.
 */
class FastPathTest {
    static List<FrontendConfig> configs() {
        FrontendConfig.Builder b = FrontendConfig.builder();
        return List.of(
                FrontendConfig.defaults(),
                b.build().toBuilder().optSnipEdges(false).optDither(1.0).optDitherSeed(9).build(),
                FrontendConfig.builder().optFeatureType(FeatureType.MFCC).optNumMelBins(23).optUseEnergy(true).build(),
                FrontendConfig.builder().optUseEnergy(true).optRawEnergy(false).optEnergyFloor(1.0).build(),
                FrontendConfig.builder().optFeatureType(FeatureType.MFCC).optNumMelBins(40).optUseEnergy(true)
                        .optDither(0.5).build(),
                FixtureFeaturesTest.plain().optFeatureType(FeatureType.SPECTROGRAM).build(),
                FixtureFeaturesTest.plain().optFeatureType(FeatureType.SPECTROGRAM).optApplyLog(false)
                        .optUsePower(false).build(),
                FixtureFeaturesTest.plain().optMelScale(MelScale.SLANEY).optSlaneyNorm(true).optNumMelBins(64).build(),
                FixtureFeaturesTest.plain().optMelScale(MelScale.HTK).optWindow(WindowType.HAMMING)
                        .optApplyLog(false).build(),
                FrontendConfig.builder().optSampleRateHz(8000).optNumMelBins(40).build(),           // FFT 256
                FrontendConfig.builder().optFrameLengthMs(50).optWindow(WindowType.BLACKMAN).build(), // FFT 1024
                FrontendConfig.builder().optFrameLengthMs(25.0625).build(),                          // odd frame length
                FrontendConfig.builder().optLogFloor(Double.MIN_VALUE).optRemoveDcOffset(false).build());
    }

    @Test
    void fastPathMatchesReference() {
        float[] x = OnlineFeaturesTest.signal(6000);
        for (int i = 3000; i < 3400; i++) x[i] = 0;   // a silent stretch exercises the log floor
        for (FrontendConfig cfg : configs()) {
            FeatureMatrix fast = new FeatureExtractor(cfg).compute(x);
            FeatureMatrix ref = FeatureExtractor.reference(cfg).compute(x);
            assertEquals(ref.numFrames(), fast.numFrames());
            assertEquals(ref.dim(), fast.dim());
            for (int i = 0; i < ref.data().length; i++) {
                double r = ref.data()[i], g = fast.data()[i];
                if (!(Math.abs(g - r) <= 1e-5 + 2e-6 * Math.abs(r))) {
                    fail(cfg + ": frame " + i / ref.dim() + " bin " + i % ref.dim() + " fast " + g + " reference " + r);
                }
            }
        }
    }
}
