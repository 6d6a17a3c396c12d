package org.elman.audio.feature;

import org.elman.audio.frame.RealFft;

/**
 * The plain reference for {@link FrameComputer}: the same steps, one at a time, with the
 * radix-2/4 {@link RealFft}. Used by tests and A/B benchmarks
 * ({@link FeatureExtractor#reference}) to check the fast path.
 *
 * <p>Turns one frame of raw samples into one feature vector: scale, dither, remove DC, pre-emphasis,
 * window, zero-pad to the FFT size, power (or magnitude) spectrum, then by feature type: log
 * spectrum; log mel energies; or MFCC = liftered orthonormal DCT-II of log mel energies. With
 * {@code useEnergy}, Kaldi's log frame energy is the first FBANK column or replaces MFCC c0.
 *
 * <p>Each frame depends only on its own samples and index, which is what makes streaming output
 * identical to offline output. Holds workspace: one instance per thread.
 */
final class ReferenceFrameComputer implements FrameFeatures {
    private final FrontendConfig cfg;
    private final double[] window;
    private final RealFft fft;
    private final MelBanks mel;
    private final double[][] dct;
    private final double[] lifter;
    private final double[] frame;
    private final double[] spectrum;
    private final double[] melOut;
    private final double[] noise;

    ReferenceFrameComputer(FrontendConfig cfg) {
        this.cfg = cfg;
        int len = cfg.frameLengthSamples();
        int n = cfg.fftSize();
        this.window = cfg.window().coefficients(len);
        this.fft = new RealFft(n);
        this.frame = new double[n];
        this.spectrum = new double[n / 2 + 1];
        this.noise = new double[len];
        this.mel = MelBanks.forConfig(cfg, n);
        this.melOut = mel != null ? new double[cfg.numMelBins()] : null;
        boolean mfcc = cfg.featureType() == FeatureType.MFCC;
        this.dct = mfcc ? Dct.orthonormalMatrix(cfg.numCeps(), cfg.numMelBins()) : null;
        this.lifter = mfcc ? Dct.lifter(cfg.numCeps(), cfg.cepstralLifter()) : null;
    }

    /**
     * Computes the features of frame {@code frameIndex} whose raw samples are already in
     * {@code samples[0..frameLength)}, writing {@code featureDim} floats at {@code out[outOff]}.
     */
    @Override
    public void compute(float[] samples, long frameIndex, float[] out, int outOff) {
        double logEnergy = prepareFrame(samples, frameIndex);
        fft.powerSpectrum(frame, spectrum);
        if (!cfg.usePower()) {
            for (int k = 0; k < spectrum.length; k++) spectrum[k] = Math.sqrt(spectrum[k]);
        }
        switch (cfg.featureType()) {
            case SPECTROGRAM -> emit(spectrum, cfg.applyLog(), out, outOff);
            case FBANK -> {
                mel.apply(spectrum, melOut);
                int off = outOff;
                if (cfg.useEnergy()) out[off++] = (float) logEnergy;
                emit(melOut, cfg.applyLog(), out, off);
            }
            case MFCC -> {
                mel.apply(spectrum, melOut);
                logInPlace(melOut);
                cepstra(out, outOff);
                if (cfg.useEnergy()) out[outOff] = (float) logEnergy;
            }
        }
    }

    /**
     * Scale, dither, DC removal, pre-emphasis and window into {@code frame} (zero-padded); returns
     * the log energy when {@code useEnergy} is set (0 otherwise).
     */
    private double prepareFrame(float[] samples, long frameIndex) {
        int len = window.length;
        double scale = cfg.sampleScale();
        double sum = 0;
        for (int i = 0; i < len; i++) {
            frame[i] = samples[i] * scale;
            sum += frame[i];
        }
        if (cfg.dither() > 0) sum = dither(frameIndex, len);
        double mean = cfg.removeDcOffset() ? sum / len : 0.0;
        boolean raw = cfg.useEnergy() && cfg.rawEnergy();
        double c = cfg.preemphasis(), energy = 0;
        double prev = frame[0] - mean;
        energy += prev * prev;
        frame[0] = (prev - c * prev) * window[0];
        for (int i = 1; i < len; i++) {
            double cur = frame[i] - mean;
            energy += cur * cur;
            frame[i] = (cur - c * prev) * window[i];
            prev = cur;
        }
        java.util.Arrays.fill(frame, len, frame.length, 0.0);
        if (!cfg.useEnergy()) return 0;
        double logEnergy = raw ? Math.log(Math.max(energy, FrontendConfig.FLOAT_EPSILON)) : windowedLogEnergy(len);
        double floor = cfg.energyFloor();
        return floor > 0 ? Math.max(logEnergy, Math.log(floor)) : logEnergy;
    }

    private double windowedLogEnergy(int len) {
        double e = 0;
        for (int i = 0; i < len; i++) e += frame[i] * frame[i];
        return Math.log(Math.max(e, FrontendConfig.FLOAT_EPSILON));
    }

    /** Adds the frame's dither noise ({@link Dither}); returns the new sum of the frame. */
    private double dither(long frameIndex, int len) {
        Dither.fill(cfg.ditherSeed(), frameIndex, cfg.dither(), noise, len);
        double sum = 0;
        for (int i = 0; i < len; i++) {
            frame[i] += noise[i];
            sum += frame[i];
        }
        return sum;
    }

    private void emit(double[] v, boolean log, float[] out, int off) {
        if (log) logInPlace(v);
        for (int i = 0; i < v.length; i++) out[off + i] = (float) v[i];
    }

    private void logInPlace(double[] v) {
        double floor = cfg.logFloor();
        for (int i = 0; i < v.length; i++) v[i] = FastLog.log(Math.max(v[i], floor));
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
