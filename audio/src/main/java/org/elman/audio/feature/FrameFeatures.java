package org.elman.audio.feature;

/** Computes one feature vector from one frame of raw samples (see {@link FrameComputer}). */
interface FrameFeatures {
    /**
     * Computes the features of frame {@code frameIndex} whose raw samples are in
     * {@code samples[0..frameLength)}, writing {@code featureDim} floats at {@code out[outOff]}.
     */
    void compute(float[] samples, long frameIndex, float[] out, int outOff);
}
