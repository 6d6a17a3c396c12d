package org.elman.audio.feature;

import java.util.Random;
import org.elman.audio.frame.RealFft;

/**
 * Turns one frame of raw samples into one feature vector: scale, dither, remove DC, pre-emphasis,
 * window, zero-pad to the FFT size, power (or magnitude) spectrum, then by feature type: log
 * spectrum; log mel energies; or MFCC = liftered orthonormal DCT-II of log mel energies.
 *
 * <p>Each frame depends only on its own samples and index, which is what makes streaming output
 * identical to offline output. Holds workspace: one instance per thread.
 */
final class FrameComputer {
    private final FrontendConfig cfg;
    private final double[] window;
    private final RealFft fft;
    private final MelBanks mel;
    private final double[][] dct;
    private final double[] lifter;
    private final double[] frame;
    private final double[] spectrum;
    private final double[] melOut;

    FrameComputer(FrontendConfig cfg) {
        this.cfg = cfg;
        int len = cfg.frameLengthSamples();
        int n = cfg.fftSize();
        this.window = cfg.window().coefficients(len);
        this.fft = new RealFft(n);
        this.frame = new double[n];
        this.spectrum = new double[n / 2 + 1];
        boolean needMel = cfg.featureType() != FeatureType.SPECTROGRAM;
        this.mel = needMel ? new MelBanks(cfg.melScale(), cfg.numMelBins(), n, cfg.sampleRateHz(),
                cfg.lowFreqHz(), cfg.effectiveHighFreqHz(), cfg.slaneyNorm()) : null;
        this.melOut = needMel ? new double[cfg.numMelBins()] : null;
        boolean mfcc = cfg.featureType() == FeatureType.MFCC;
        this.dct = mfcc ? Dct.orthonormalMatrix(cfg.numCeps(), cfg.numMelBins()) : null;
        this.lifter = mfcc ? Dct.lifter(cfg.numCeps(), cfg.cepstralLifter()) : null;
    }

    /**
     * Computes the features of frame {@code frameIndex} whose raw samples are already in
     * {@code samples[0..frameLength)}, writing {@code featureDim} floats at {@code out[outOff]}.
     */
    void compute(float[] samples, long frameIndex, float[] out, int outOff) {
        int len = window.length;
        double scale = cfg.sampleScale();
        for (int i = 0; i < len; i++) frame[i] = samples[i] * scale;
        if (cfg.dither() > 0) dither(frameIndex, len);
        if (cfg.removeDcOffset()) removeDc(len);
        double c = cfg.preemphasis();
        if (c != 0) {
            for (int i = len - 1; i > 0; i--) frame[i] -= c * frame[i - 1];
            frame[0] -= c * frame[0];
        }
        for (int i = 0; i < len; i++) frame[i] *= window[i];
        java.util.Arrays.fill(frame, len, frame.length, 0.0);
        fft.powerSpectrum(frame, spectrum);
        if (!cfg.usePower()) {
            for (int k = 0; k < spectrum.length; k++) spectrum[k] = Math.sqrt(spectrum[k]);
        }
        switch (cfg.featureType()) {
            case SPECTROGRAM -> emit(spectrum, cfg.applyLog(), out, outOff);
            case FBANK -> {
                mel.apply(spectrum, melOut);
                emit(melOut, cfg.applyLog(), out, outOff);
            }
            case MFCC -> {
                mel.apply(spectrum, melOut);
                logInPlace(melOut);
                cepstra(out, outOff);
            }
        }
    }

    private void dither(long frameIndex, int len) {
        Random rng = new Random(cfg.ditherSeed() * 0x9E3779B97F4A7C15L + frameIndex);
        double d = cfg.dither();
        for (int i = 0; i < len; i++) frame[i] += d * rng.nextGaussian();
    }

    private void removeDc(int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) sum += frame[i];
        double mean = sum / len;
        for (int i = 0; i < len; i++) frame[i] -= mean;
    }

    private void emit(double[] v, boolean log, float[] out, int off) {
        if (log) logInPlace(v);
        for (int i = 0; i < v.length; i++) out[off + i] = (float) v[i];
    }

    private void logInPlace(double[] v) {
        double floor = cfg.logFloor();
        for (int i = 0; i < v.length; i++) v[i] = Math.log(Math.max(v[i], floor));
    }

    private void cepstra(float[] out, int off) {
        for (int k = 0; k < dct.length; k++) {
            double[] row = dct[k];
            double acc = 0;
            for (int m = 0; m < row.length; m++) acc += row[m] * melOut[m];
            out[off + k] = (float) (acc * lifter[k]);
        }
    }
}
