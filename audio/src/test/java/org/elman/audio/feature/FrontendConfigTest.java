package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.elman.audio.frame.WindowType;
import org.junit.jupiter.api.Test;

class FrontendConfigTest {
    @Test
    void defaultsAreDocumented() {
        FrontendConfig c = FrontendConfig.defaults();
        assertEquals(16000, c.sampleRateHz());
        assertEquals(400, c.frameLengthSamples());
        assertEquals(160, c.frameShiftSamples());
        assertEquals(512, c.fftSize());
        assertEquals(80, c.featureDim());
        assertEquals(8000.0, c.effectiveHighFreqHz());
        assertEquals(13, c.toBuilder().optFeatureType(FeatureType.MFCC).build().featureDim());
        assertEquals(257, c.toBuilder().optFeatureType(FeatureType.SPECTROGRAM).build().featureDim());
    }

    @Test
    void mapRoundTrip() {
        FrontendConfig c = FrontendConfig.builder().optFeatureType(FeatureType.MFCC).optWindow(WindowType.HAMMING)
                .optMelScale(MelScale.SLANEY).optSlaneyNorm(true).optDither(0.5).optDitherSeed(-3).optFrameShiftMs(12.5)
                .build();
        Map<String, String> m = c.toMap();
        assertEquals("MFCC", m.get("featureType"));
        assertEquals("16000", m.get("sampleRateHz"));
        assertEquals(c, FrontendConfig.fromMap(m));
        assertEquals(FrontendConfig.defaults(), FrontendConfig.fromMap(Map.of()));
    }

    @Test
    void badMapsAndValuesNameTheSetting() {
        Map<String, String> m = new HashMap<>(Map.of("numMelBinz", "40"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FrontendConfig.fromMap(m))
                .getMessage().contains("numMelBinz"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FrontendConfig.fromMap(Map.of("window", "kaiser")))
                .getMessage().contains("window"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FrontendConfig.fromMap(Map.of("numMelBins", "0")))
                .getMessage().contains("numMelBins"));
        assertThrows(IllegalArgumentException.class, () -> FrontendConfig.builder().optHighFreqHz(9000).build());
        assertThrows(IllegalArgumentException.class, () -> FrontendConfig.builder().optFrameLengthMs(0.01).build());
        assertThrows(IllegalArgumentException.class, () -> FrontendConfig.builder().optFeatureType(FeatureType.MFCC)
                .optNumCeps(81).build());
        assertThrows(IllegalArgumentException.class, () -> FrontendConfig.builder().optPreemphasis(1.5).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeatureExtractor(FrontendConfig.builder().optNumMelBins(200).build()).compute(new float[800]));
        assertTrue(e.getMessage().contains("covers no FFT bin"), e.getMessage());
    }
}
