package org.elman.audio.augment;

import java.util.Random;
import org.elman.audio.feature.FeatureMatrix;

/**
 * SpecAugment (Park et al., 2019) on a {@code (T, F)} feature matrix: optional time warp, then
 * {@code numFreqMasks} bands of width {@code U[0, maxFreqWidth]} set to the mask value, then
 * {@code numTimeMasks} spans of width {@code U[0, min(maxTimeWidth, maxTimeFraction * T)]}. The mask
 * value is 0 (use it after mean normalisation) or, with {@code optMaskWithMean}, the utterance mean.
 *
 * <p>Time warp (optional, {@code maxWarpFrames > 0}): a centre {@code c} in {@code [W, T-W)} moves
 * to {@code c + w}, {@code w ~ U[-W, W]}; both sides are stretched by linear interpolation along time
 * (the paper uses sparse image warping; this piecewise-linear warp is the common simplification).
 * Randomness comes only from the {@code Random} passed to {@link #apply}, so a seeded generator
 * reproduces the result.
 */
public final class SpecAugment {
    private final int numFreqMasks;
    private final int maxFreqWidth;
    private final int numTimeMasks;
    private final int maxTimeWidth;
    private final double maxTimeFraction;
    private final int maxWarpFrames;
    private final boolean maskWithMean;

    private SpecAugment(Builder b) {
        this.numFreqMasks = b.numFreqMasks;
        this.maxFreqWidth = b.maxFreqWidth;
        this.numTimeMasks = b.numTimeMasks;
        this.maxTimeWidth = b.maxTimeWidth;
        this.maxTimeFraction = b.maxTimeFraction;
        this.maxWarpFrames = b.maxWarpFrames;
        this.maskWithMean = b.maskWithMean;
    }

    /** Defaults: 2 frequency masks up to 27 bins, 2 time masks up to 40 frames and 20% of T, no warp. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns an augmented copy. */
    public FeatureMatrix apply(FeatureMatrix in, Random rng) {
        int t = in.numFrames(), f = in.dim();
        float[] x = maxWarpFrames > 0 && t > 2 * maxWarpFrames + 1 ? timeWarp(in, rng) : in.data().clone();
        float value = maskWithMean ? mean(x) : 0f;
        for (int m = 0; m < numFreqMasks; m++) {
            int w = rng.nextInt(Math.min(maxFreqWidth, f) + 1);
            int start = rng.nextInt(f - w + 1);
            for (int i = 0; i < t; i++) java.util.Arrays.fill(x, i * f + start, i * f + start + w, value);
        }
        int maxT = Math.min(maxTimeWidth, (int) (maxTimeFraction * t));
        for (int m = 0; m < numTimeMasks && t > 0; m++) {
            int w = rng.nextInt(Math.max(0, Math.min(maxT, t)) + 1);
            int start = rng.nextInt(t - w + 1);
            java.util.Arrays.fill(x, start * f, (start + w) * f, value);
        }
        return new FeatureMatrix(x, t, f);
    }

    private float[] timeWarp(FeatureMatrix in, Random rng) {
        int t = in.numFrames(), f = in.dim(), w = maxWarpFrames;
        int centre = w + rng.nextInt(t - 2 * w);
        int moved = centre + rng.nextInt(2 * w + 1) - w;
        moved = Math.max(1, Math.min(t - 2, moved));
        float[] src = in.data(), out = new float[src.length];
        for (int i = 0; i < t; i++) {
            double pos = i < moved ? i * (double) centre / moved
                    : centre + (i - moved) * (double) (t - 1 - centre) / (t - 1 - moved);
            int lo = Math.min(t - 1, (int) Math.floor(pos));
            int hi = Math.min(t - 1, lo + 1);
            double a = pos - lo;
            for (int c = 0; c < f; c++) out[i * f + c] = (float) ((1 - a) * src[lo * f + c] + a * src[hi * f + c]);
        }
        return out;
    }

    private static float mean(float[] x) {
        double s = 0;
        for (float v : x) s += v;
        return x.length == 0 ? 0f : (float) (s / x.length);
    }

    /** Builder; all settings optional. */
    public static final class Builder {
        private int numFreqMasks = 2;
        private int maxFreqWidth = 27;
        private int numTimeMasks = 2;
        private int maxTimeWidth = 40;
        private double maxTimeFraction = 0.2;
        private int maxWarpFrames = 0;
        private boolean maskWithMean;

        public Builder optFreqMasks(int count, int maxWidthBins) {
            numFreqMasks = count;
            maxFreqWidth = maxWidthBins;
            return this;
        }

        public Builder optTimeMasks(int count, int maxWidthFrames, double maxFractionOfFrames) {
            numTimeMasks = count;
            maxTimeWidth = maxWidthFrames;
            maxTimeFraction = maxFractionOfFrames;
            return this;
        }

        public Builder optTimeWarp(int maxWarpFrames) {
            this.maxWarpFrames = maxWarpFrames;
            return this;
        }

        public Builder optMaskWithMean(boolean flag) {
            maskWithMean = flag;
            return this;
        }

        public SpecAugment build() {
            if (numFreqMasks < 0 || maxFreqWidth < 0 || numTimeMasks < 0 || maxTimeWidth < 0 || maxWarpFrames < 0) {
                throw new IllegalArgumentException("SpecAugment counts and widths must be >= 0");
            }
            if (!(maxTimeFraction >= 0 && maxTimeFraction <= 1)) {
                throw new IllegalArgumentException("SpecAugment maxTimeFraction must be in [0, 1], got " + maxTimeFraction);
            }
            return new SpecAugment(this);
        }
    }
}
