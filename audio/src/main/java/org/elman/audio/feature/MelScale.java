package org.elman.audio.feature;

/**
 * Mel scales and how the triangular filters are laid out on them. In every case the filter
 * centres are equally spaced on the mel scale between the low and high frequency.
 * <ul>
 *   <li>KALDI: HTK mel scale {@code 1127 ln(1 + f/700)}; triangles are linear <em>in mel</em>, cover
 *       FFT bins {@code 0..n/2-1} (the Nyquist bin gets weight 0), and a bin counts only when strictly
 *       inside a triangle (Kaldi's {@code MelBanks}, torchaudio.compliance.kaldi).</li>
 *   <li>HTK: the same scale; triangles linear <em>in Hz</em> between mel-spaced edge frequencies, over
 *       bins {@code 0..n/2} (librosa {@code htk=True}).</li>
 *   <li>SLANEY: Slaney's Auditory Toolbox scale (linear below 1 kHz, logarithmic above); triangles
 *       linear in Hz (librosa's default).</li>
 * </ul>
 */
public enum MelScale {
    KALDI, HTK, SLANEY;

    private static final double SLANEY_HZ_PER_MEL = 200.0 / 3;
    private static final double SLANEY_BREAK_HZ = 1000.0;
    private static final double SLANEY_BREAK_MEL = SLANEY_BREAK_HZ / SLANEY_HZ_PER_MEL;
    private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27.0;

    /** Hz to mel on this scale. */
    public double toMel(double hz) {
        if (this != SLANEY) return 1127.0 * Math.log(1.0 + hz / 700.0);
        if (hz < SLANEY_BREAK_HZ) return hz / SLANEY_HZ_PER_MEL;
        return SLANEY_BREAK_MEL + Math.log(hz / SLANEY_BREAK_HZ) / SLANEY_LOG_STEP;
    }

    /** Mel to Hz on this scale. */
    public double toHz(double mel) {
        if (this != SLANEY) return 700.0 * (Math.exp(mel / 1127.0) - 1.0);
        if (mel < SLANEY_BREAK_MEL) return mel * SLANEY_HZ_PER_MEL;
        return SLANEY_BREAK_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_BREAK_MEL));
    }
}
