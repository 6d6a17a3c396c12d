package org.elman.audio;

/**
 * Mono audio: samples in [-1, 1] at a sample rate in Hz. The array is not copied; treat it as
 * read-only once wrapped.
 */
public record AudioData(float[] samples, int sampleRateHz) {
    /** Largest sample rate any reader accepts, in Hz. */
    public static final int MAX_SAMPLE_RATE_HZ = 768_000;

    public AudioData {
        if (samples == null) throw new IllegalArgumentException("samples must not be null");
        checkSampleRate("audio", sampleRateHz);
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRateHz;
    }

    /** Throws {@link AudioFormatException} unless the rate is in [1, {@link #MAX_SAMPLE_RATE_HZ}]. */
    public static void checkSampleRate(String source, long rateHz) {
        if (rateHz < 1 || rateHz > MAX_SAMPLE_RATE_HZ) {
            throw new AudioFormatException(source, "implausible sample rate " + rateHz
                    + " Hz (accepted: 1.." + MAX_SAMPLE_RATE_HZ + ")");
        }
    }
}
