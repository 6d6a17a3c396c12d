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
 * plain {@link org.elman.audio.frame.RealFft}, and the tests bound the difference. Without
 * dither, pre-emphasis, window and scale go in one scalar pass straight into the FFT's packed
 * input, {@code (x[i] - c x[i-1]) * scale * w[i]} (even samples to the real parts, odd ones to
 * the imaginary parts), which also sums the samples; the DC term {@code (1-c) mean * scale * w[i]}
 * is then subtracted in a vectorised pass. Each frame depends only on its own samples and index,
 * which is what makes streaming output identical to offline output. Holds workspace: one
 * instance per thread.
 */
final class FrameComputer implements FrameFeatures {
    private final FrontendConfig cfg;
    private final int len;
    private final double[] window;
    /** The scaled window at the even samples (one more when the frame length is odd) and the odd ones. */
    private final double[] evenWindow;
    private final double[] oddWindow;
    private final FastRealFft fft;
    private final MelBanks mel;
    private final double[][] dct;
    private final double[] lifter;
    private final double[] scaled;
    private final double[] frame;
    private final double[] noise;
    private final int bins;
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
        double[] scaledWindow = new double[len];
        for (int i = 0; i < len; i++) scaledWindow[i] = window[i] * cfg.sampleScale();
        this.evenWindow = new double[(len + 1) / 2];
        this.oddWindow = new double[len / 2];
        for (int i = 0; i < len; i++) {
            if ((i & 1) == 0) evenWindow[i / 2] = scaledWindow[i];
            else oddWindow[i / 2] = scaledWindow[i];
        }
        this.fft = new FastRealFft(n);
        this.frame = new double[len];
        this.scaled = new double[len];
        this.noise = cfg.dither() > 0 ? new double[len] : null;
        this.bins = n / 2 + 1;
        this.spectrum = new double[bins + MelBanks.PAD];   // zeros past the last bin for MelBanks.applyFast
        this.mel = MelBanks.forConfig(cfg, n);
        this.melOut = mel != null ? new double[cfg.numMelBins()] : null;
        boolean mfcc = cfg.featureType() == FeatureType.MFCC;
        this.dct = mfcc ? Dct.orthonormalMatrix(cfg.numCeps(), cfg.numMelBins()) : null;
        this.lifter = mfcc ? Dct.lifter(cfg.numCeps(), cfg.cepstralLifter()) : null;
    }

    @Override
    public void compute(float[] samples, long frameIndex, float[] out, int outOff) {
        double logEnergy = prepareFrame(samples, frameIndex);
        fft.powerSpectrum(spectrum);
        if (!cfg.usePower()) {
            for (int k = 0; k < bins; k++) spectrum[k] = Math.sqrt(spectrum[k]);
        }
        switch (cfg.featureType()) {
            case SPECTROGRAM -> emitLog(spectrum, bins, cfg.applyLog(), out, outOff);
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
            double total = packDirect(samples, c);
            mean = cfg.removeDcOffset() ? total / len : 0.0;
            if (mean != 0) removeShift((1 - c) * mean);
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

    /**
     * Pre-emphasis and scaled window straight into the FFT input, {@code (x[i] - c x[i-1]) w[i]},
     * even samples to the real parts and odd ones to the imaginary parts, zero-padded, in one pass
     * that also returns the sum of the samples (two accumulators, hidden behind the rest of the
     * loop; a separate summing loop was latency-bound on the float-to-double conversions).
     */
    private double packDirect(float[] x, double c) {
        double[] re = fft.re(), im = fft.im(), we = evenWindow, wo = oddWindow;
        int pairs = len / 2;
        double prev = x[0], sumEven = 0, sumOdd = 0;
        for (int m = 0; m < pairs; m++) {
            double a = x[2 * m], b = x[2 * m + 1];
            re[m] = (a - c * prev) * we[m];
            im[m] = (b - c * a) * wo[m];
            sumEven += a;
            sumOdd += b;
            prev = b;
        }
        int used = pairs;
        if ((len & 1) != 0) {
            double a = x[len - 1];
            re[pairs] = (a - c * prev) * we[pairs];
            im[pairs] = 0;
            sumEven += a;
            used++;
        }
        java.util.Arrays.fill(re, used, re.length, 0.0);
        java.util.Arrays.fill(im, used, im.length, 0.0);
        return sumEven + sumOdd;
    }

    /** Subtracts {@code shift w[i]} (the DC offset after pre-emphasis, windowed) from the packed input. */
    private void removeShift(double shift) {
        double[] re = fft.re(), im = fft.im(), we = evenWindow, wo = oddWindow;
        for (int m = 0; m < we.length; m++) re[m] = re[m] - shift * we[m];
        for (int m = 0; m < wo.length; m++) im[m] = im[m] - shift * wo[m];
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
