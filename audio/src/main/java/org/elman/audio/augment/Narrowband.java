package org.elman.audio.augment;

import org.elman.audio.pcm.Resampler;

/**
 * Telephone-band simulation: the signal is resampled down to {@code bandRateHz} (8 kHz by default)
 * and back to its own rate, so nothing above half the band rate (4 kHz) survives, as with audio
 * that reached us through an 8 kHz link or file and was upsampled for the model. A model trained
 * only on wideband audio has never seen an empty upper half of the spectrum; mixing some
 * band-limited copies into training teaches it that. The length is kept (the round trip through
 * the resampler can differ by a sample; the end is trimmed or zero-padded).
 */
public final class Narrowband {
    /** The telephone band's sampling rate. */
    public static final int TELEPHONE_RATE_HZ = 8000;

    private Narrowband() {
    }

    /**
     * {@code x} at {@code rateHz} limited to the band of {@code bandRateHz}; a copy of {@code x}
     * when {@code rateHz <= bandRateHz} (already that narrow).
     */
    public static float[] apply(float[] x, int rateHz, int bandRateHz) {
        if (rateHz <= 0 || bandRateHz <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + rateHz + " and " + bandRateHz);
        }
        if (rateHz <= bandRateHz) return x.clone();
        float[] back = Resampler.resample(Resampler.resample(x, rateHz, bandRateHz), bandRateHz, rateHz);
        return java.util.Arrays.copyOf(back, x.length);
    }
}
