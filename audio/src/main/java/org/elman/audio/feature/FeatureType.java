package org.elman.audio.feature;

/** What the front end outputs per frame. */
public enum FeatureType {
    /** (Log) power or magnitude spectrum, {@code fftSize/2 + 1} values. */
    SPECTROGRAM,
    /** (Log) mel filterbank energies, {@code numMelBins} values. */
    FBANK,
    /** Mel-frequency cepstral coefficients, {@code numCeps} values. */
    MFCC
}
