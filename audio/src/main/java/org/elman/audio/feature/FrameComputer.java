package org.elman.audio.feature;

import org.elman.audio.frame.FastRealFft;

/**
 * Turns one frame of raw samples into one feature vector: scale, dither,
 * remove DC, pre-emphasis, window, zero-pad to the FFT size, power (or magnitude) spectrum
 * ({@link FastRealFft}, double precision), then by feature type: log spectrum; log mel energies; or MFCC =
 * liftered orthonormal DCT-II of log mel energies. With {@code useEnergy}, Kaldi's log frame
 * energy is the first FBANK column or replaces MFCC c0.
 *
 * <p>This is the fast path; {@link ReferenceFrameComputer} does the same step by step with the
 * plain {@link org.elman.audio.frame.RealFft}, and the tests bound the difference. DC removal,
 * pre-emphasis, window and scale are one pass,
 * {@code f[i] = (x[i] - c x[i-1] - (1-c) mean) * scale * w[i]}, written so that the JIT vectorises it. Each frame depends only on its own samples and index, which is what makes
 * streaming output identical to offline output. Holds workspace: one instance per thread.
 */
final class FrameComputer implements FrameFeatures {
    private final FrontendConfig cfg;
    private final int len;
    private final double[] window;
    private final double[] scaledWindow;
    private final FastRealFft fft;
    private final MelBanks mel;
    private final double[][] dct;
    private final double[] lifter;
    private final double[] scaled;
    private final double[] frame;
    private final double[] noise;
    private final double[] spectrum;
    private final double[] melOut;
    private final double logFloor;
    private final boolean normalFloor;

    FrameComputer(FrontendConfig cfg) {
        this.cfg = cfg;
        this.len = cfg.frameLengthSamples();
        this.logFloor = cfg.logFloor();
        this.normalFloor = logFloor >= Double.MIN_NORMAL;
        int n = cfg.fftSize();
        this.window = cfg.window().coefficients(len);
        this.scaledWindow = new double[len];
        for (int i = 0; i < len; i++) scaledWindow[i] = window[i] * cfg.sampleScale();
        this.fft = new FastRealFft(n);
        this.frame = new double[len];
        this.scaled = new double[len];
        this.noise = cfg.dither() > 0 ? new double[len] : null;
        this.spectrum = new double[n / 2 + 1];
        boolean needMel = cfg.featureType() != FeatureType.SPECTROGRAM;
        this.mel = needMel ? new MelBanks(cfg.melScale(), cfg.numMelBins(), n, cfg.sampleRateHz(),
                cfg.lowFreqHz(), cfg.effectiveHighFreqHz(), cfg.slaneyNorm()) : null;
        this.melOut = needMel ? new double[cfg.numMelBins()] : null;
        boolean mfcc = cfg.featureType() == FeatureType.MFCC;
        this.dct = mfcc ? Dct.orthonormalMatrix(cfg.numCeps(), cfg.numMelBins()) : null;
        this.lifter = mfcc ? Dct.lifter(cfg.numCeps(), cfg.cepstralLifter()) : null;
    }

    @Override
    public void compute(float[] samples, long frameIndex, float[] out, int outOff) {
        double logEnergy = prepareFrame(samples, frameIndex);
        fft.powerSpectrum(spectrum);
        if (!cfg.usePower()) {
            for (int k = 0; k < spectrum.length; k++) spectrum[k] = Math.sqrt(spectrum[k]);
        }
        switch (cfg.featureType()) {
            case SPECTROGRAM -> emitLog(spectrum, spectrum.length, cfg.applyLog(), out, outOff);
            case FBANK -> {
                mel.applyFast(spectrum, melOut);
                int off = outOff;
                if (cfg.useEnergy()) out[off++] = (float) logEnergy;
                emitLog(melOut, melOut.length, cfg.applyLog(), out, off);
            }
            case MFCC -> {
                mel.applyFast(spectrum, melOut);
                logInPlace(melOut);
                cepstra(out, outOff);
                if (cfg.useEnergy()) out[outOff] = (float) logEnergy;
            }
        }
    }

    /**
     * DC removal, pre-emphasis, window and scale into {@code frame} (the scale rides on the window,
     * or is applied first when dithering, since the noise is in scaled units), then packed into the
     * FFT's input. Returns the log energy when {@code useEnergy} is set (0 otherwise).
     */
    private double prepareFrame(float[] samples, long frameIndex) {
        double scale = cfg.sampleScale();
        double c = cfg.preemphasis();
        double mean;
        if (noise == null) {
            mean = cfg.removeDcOffset() ? sum(samples, len) / len : 0.0;
            packDirect(samples, c, (1 - c) * mean);
        } else {
            Dither.fill(cfg.ditherSeed(), frameIndex, cfg.dither(), noise, len);
            double[] x = scaled;
            for (int i = 0; i < len; i++) x[i] = samples[i] * scale + noise[i];
            scale = 1;
            mean = cfg.removeDcOffset() ? sum(x, len) / len : 0.0;
            double shift = (1 - c) * mean;
            frame[0] = (x[0] - c * x[0] - shift) * window[0];
            for (int i = 1; i < len; i++) frame[i] = (x[i] - c * x[i - 1] - shift) * window[i];
            pack();
        }
        if (!cfg.useEnergy()) return 0;
        double energy = !cfg.rawEnergy() ? windowedEnergy()
                : noise == null ? sumOfSquares(samples, mean) * scale * scale : sumOfSquares(scaled, mean);
        double logEnergy = Math.log(Math.max(energy, FrontendConfig.FLOAT_EPSILON));
        double floor = cfg.energyFloor();
        return floor > 0 ? Math.max(logEnergy, Math.log(floor)) : logEnergy;
    }

    /** Sum with four accumulators (a single chain of dependent adds would be latency-bound). */
    private static double sum(double[] x, int n) {
        double a = 0, b = 0, c = 0, d = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a += x[i];
            b += x[i + 1];
            c += x[i + 2];
            d += x[i + 3];
        }
        for (; i < n; i++) a += x[i];
        return (a + b) + (c + d);
    }

    private static double sum(float[] x, int n) {
        double a = 0, b = 0, c = 0, d = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a += x[i];
            b += x[i + 1];
            c += x[i + 2];
            d += x[i + 3];
        }
        for (; i < n; i++) a += x[i];
        return (a + b) + (c + d);
    }

    /**
     * Pre-emphasis, DC shift and scaled window straight into the FFT input, even samples to the
     * real parts and odd ones to the imaginary parts, zero-padded: the same values as the per-sample
     * loop of the dithered path followed by {@link #pack()}, in one pass.
     */
    private void packDirect(float[] x, double c, double shift) {
        double[] re = fft.re(), im = fft.im(), w = scaledWindow;
        int pairs = len / 2;
        double prev = x[0];
        for (int m = 0; m < pairs; m++) {
            double a = x[2 * m], b = x[2 * m + 1];
            re[m] = (a - c * prev - shift) * w[2 * m];
            im[m] = (b - c * a - shift) * w[2 * m + 1];
            prev = b;
        }
        int used = pairs;
        if ((len & 1) != 0) {
            re[pairs] = (x[len - 1] - c * prev - shift) * w[len - 1];
            im[pairs] = 0;
            used++;
        }
        java.util.Arrays.fill(re, used, re.length, 0.0);
        java.util.Arrays.fill(im, used, im.length, 0.0);
    }

    /** Sum of squares of the windowed frame, in sample order, read back from the FFT input. */
    private double windowedEnergy() {
        double[] re = fft.re(), im = fft.im();
        double e = 0;
        for (int m = 0; m < len / 2; m++) {
            e += re[m] * re[m];
            e += im[m] * im[m];
        }
        if ((len & 1) != 0) e += re[len / 2] * re[len / 2];
        return e;
    }

    /** Even samples to the FFT's real parts, odd ones to its imaginary parts, zero-padded. */
    private void pack() {
        double[] re = fft.re(), im = fft.im();
        int pairs = len / 2;
        for (int m = 0; m < pairs; m++) {
            re[m] = frame[2 * m];
            im[m] = frame[2 * m + 1];
        }
        int used = pairs;
        if ((len & 1) != 0) {
            re[pairs] = frame[len - 1];
            im[pairs] = 0;
            used++;
        }
        java.util.Arrays.fill(re, used, re.length, 0.0);
        java.util.Arrays.fill(im, used, im.length, 0.0);
    }

    private double sumOfSquares(float[] x, double mean) {
        double e = 0;
        for (int i = 0; i < len; i++) e += (x[i] - mean) * (x[i] - mean);
        return e;
    }

    private double sumOfSquares(double[] x, double mean) {
        double e = 0;
        for (int i = 0; i < len; i++) e += (x[i] - mean) * (x[i] - mean);
        return e;
    }

    /** Writes {@code log(max(v, floor))} (or v itself) for the first {@code n} values. */
    private void emitLog(double[] v, int n, boolean log, float[] out, int off) {
        if (!log) {
            for (int i = 0; i < n; i++) out[off + i] = (float) v[i];
            return;
        }
        for (int i = 0; i < n; i++) out[off + i] = (float) flooredLog(v[i]);
    }

    private void logInPlace(double[] v) {
        for (int i = 0; i < v.length; i++) v[i] = flooredLog(v[i]);
    }

    /** {@code log(max(x, floor))}; a NaN becomes the floor. */
    private double flooredLog(double x) {
        double y = x > logFloor ? x : logFloor;
        return normalFloor && y <= Double.MAX_VALUE ? FastLog.logPositive(y) : FastLog.log(y);
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
