package org.elman.audio.feature;

/**
 * A bank of triangular mel filters over the bins {@code 0..fftSize/2} of a power spectrum, stored
 * sparsely (each filter keeps the contiguous run of bins where its weight is non-zero).
 *
 * <p>With {@code slaneyNorm}, filter {@code m} is scaled by {@code 2 / (hz[m+2] - hz[m])} so each
 * has equal area (librosa {@code norm='slaney'}).
 */
public final class MelBanks {
    private final int[] firstBin;
    private final double[][] weights;
    private final int numSpectrumBins;
    /** Zeros {@link #applyFast} needs after the last spectrum bin (each filter is padded to a multiple of 4). */
    static final int PAD = 3;
    /**
     * All weights back to back, filter m at {@code [flatStart[m], flatStart[m+1])}, each zero-padded
     * to a multiple of 4, for {@link #applyFast}.
     */
    private double[] flat;
    private int[] flatStart;

    /** The filterbank a front-end configuration asks for on {@code fftSize}-point frames; null for a plain spectrogram. */
    static MelBanks forConfig(FrontendConfig cfg, int fftSize) {
        if (cfg.featureType() == FeatureType.SPECTROGRAM) return null;
        return new MelBanks(cfg.melScale(), cfg.numMelBins(), fftSize, cfg.sampleRateHz(),
                cfg.lowFreqHz(), cfg.effectiveHighFreqHz(), cfg.slaneyNorm());
    }

    public MelBanks(MelScale scale, int numBins, int fftSize, double sampleRateHz, double lowHz, double highHz,
                    boolean slaneyNorm) {
        if (numBins < 1) throw new IllegalArgumentException("numMelBins must be >= 1, got " + numBins);
        if (!(lowHz >= 0 && lowHz < highHz && highHz <= sampleRateHz / 2 + 1e-9)) {
            throw new IllegalArgumentException("mel range needs 0 <= low < high <= Nyquist; got low " + lowHz
                    + " Hz, high " + highHz + " Hz at " + sampleRateHz + " Hz");
        }
        this.numSpectrumBins = fftSize / 2 + 1;
        this.firstBin = new int[numBins];
        this.weights = new double[numBins][];
        double melLow = scale.toMel(lowHz), melHigh = scale.toMel(highHz);
        double delta = (melHigh - melLow) / (numBins + 1);
        double binHz = sampleRateHz / fftSize;
        double[] dense = new double[numSpectrumBins];
        for (int m = 0; m < numBins; m++) {
            double left = melLow + m * delta, centre = left + delta, right = centre + delta;
            java.util.Arrays.fill(dense, 0);
            if (scale == MelScale.KALDI) {
                kaldiTriangle(scale, dense, binHz, left, centre, right);
            } else {
                hzTriangle(scale, dense, binHz, left, centre, right, slaneyNorm);
            }
            store(m, dense, scale, numBins, fftSize);
        }
        flatten();
    }

    private static void kaldiTriangle(MelScale s, double[] w, double binHz, double left, double centre, double right) {
        for (int i = 0; i < w.length - 1; i++) {
            double mel = s.toMel(binHz * i);
            if (mel > left && mel < right) {
                w[i] = mel <= centre ? (mel - left) / (centre - left) : (right - mel) / (right - centre);
            }
        }
    }

    private static void hzTriangle(MelScale s, double[] w, double binHz, double left, double centre, double right,
                                   boolean norm) {
        double fl = s.toHz(left), fc = s.toHz(centre), fr = s.toHz(right);
        double scale = norm ? 2.0 / (fr - fl) : 1.0;
        for (int i = 0; i < w.length; i++) {
            double f = binHz * i;
            double up = (f - fl) / (fc - fl), down = (fr - f) / (fr - fc);
            w[i] = Math.max(0.0, Math.min(up, down)) * scale;
        }
    }

    private void store(int m, double[] dense, MelScale scale, int numBins, int fftSize) {
        int lo = 0, hi = dense.length - 1;
        while (lo <= hi && dense[lo] == 0) lo++;
        while (hi >= lo && dense[hi] == 0) hi--;
        if (lo > hi) {
            throw new IllegalArgumentException("mel filter " + m + " of " + numBins + " (" + scale
                    + ") covers no FFT bin at FFT size " + fftSize + "; use fewer mel bins or a longer frame");
        }
        firstBin[m] = lo;
        weights[m] = java.util.Arrays.copyOfRange(dense, lo, hi + 1);
    }

    private void flatten() {
        flatStart = new int[weights.length + 1];
        for (int m = 0; m < weights.length; m++) flatStart[m + 1] = flatStart[m] + (weights[m].length + PAD) / 4 * 4;
        flat = new double[flatStart[weights.length]];
        for (int m = 0; m < weights.length; m++) System.arraycopy(weights[m], 0, flat, flatStart[m], weights[m].length);
    }

    public int numBins() {
        return weights.length;
    }

    /** Applies the filters to a power (or magnitude) spectrum of {@code fftSize/2+1} values. */
    public void apply(double[] spectrum, double[] out) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int b = firstBin[m];
            double acc = 0;
            for (int j = 0; j < w.length; j++) acc += w[j] * spectrum[b + j];
            out[m] = acc;
        }
    }

    /**
     * Same as {@link #apply(double[], double[])} from one flat weight array, with four accumulators
     * per filter so that the additions form short dependency chains (different rounding order,
     * same value to about 1e-16 relative). Every filter is zero-padded to a multiple of 4 and the
     * common lengths (4 to 16) go through straight-line code, so there are no short loops whose
     * varying trip counts the branch predictor misses. The spectrum needs {@link #PAD} zeros after
     * its last bin. The fast feature path uses it.
     */
    void applyFast(double[] spectrum, double[] out) {
        if (spectrum.length < numSpectrumBins + PAD) {
            throw new IllegalArgumentException("spectrum needs " + PAD + " zeros after its " + numSpectrumBins + " bins");
        }
        double[] w = flat;
        for (int m = 0; m < out.length; m++) {
            int j = flatStart[m], end = flatStart[m + 1];
            int b = firstBin[m] - j;
            switch (end - j) {
                case 4 -> out[m] = quad(w, spectrum, j, b);
                case 8 -> out[m] = quad(w, spectrum, j, b) + quad(w, spectrum, j + 4, b);
                case 12 -> out[m] = (quad(w, spectrum, j, b) + quad(w, spectrum, j + 4, b)) + quad(w, spectrum, j + 8, b);
                case 16 -> out[m] = (quad(w, spectrum, j, b) + quad(w, spectrum, j + 4, b))
                        + (quad(w, spectrum, j + 8, b) + quad(w, spectrum, j + 12, b));
                default -> {
                    double acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
                    for (; j < end; j += 4) {
                        acc0 += w[j] * spectrum[b + j];
                        acc1 += w[j + 1] * spectrum[b + j + 1];
                        acc2 += w[j + 2] * spectrum[b + j + 2];
                        acc3 += w[j + 3] * spectrum[b + j + 3];
                    }
                    out[m] = (acc0 + acc1) + (acc2 + acc3);
                }
            }
        }
    }

    private static double quad(double[] w, double[] s, int j, int b) {
        return (w[j] * s[b + j] + w[j + 1] * s[b + j + 1]) + (w[j + 2] * s[b + j + 2] + w[j + 3] * s[b + j + 3]);
    }

    /** The filters as a dense {@code numBins x (fftSize/2+1)} matrix (for inspection and tests). */
    public double[][] dense() {
        double[][] d = new double[weights.length][numSpectrumBins];
        for (int m = 0; m < weights.length; m++) {
            System.arraycopy(weights[m], 0, d[m], firstBin[m], weights[m].length);
        }
        return d;
    }
}
