package org.elman.audio.feature;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.elman.audio.AudioData;
import org.elman.audio.frame.WindowType;

/**
 * Every front-end setting, immutable and validated. Units are in the names. The defaults give
 * Kaldi-compatible 80-bin log-mel filterbanks at 16 kHz (what {@code compute-fbank-feats} and
 * {@code torchaudio.compliance.kaldi.fbank} produce with {@code --num-mel-bins=80 --dither=0}):
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><td>sampleRateHz</td><td>16000</td><td>rate the features are computed at</td></tr>
 *   <tr><td>frameLengthMs / frameShiftMs</td><td>25 / 10</td><td>window and hop</td></tr>
 *   <tr><td>featureType</td><td>FBANK</td><td>SPECTROGRAM, FBANK or MFCC</td></tr>
 *   <tr><td>numMelBins</td><td>80</td><td></td></tr>
 *   <tr><td>numCeps / cepstralLifter</td><td>13 / 22</td><td>MFCC only; lifter 0 = none</td></tr>
 *   <tr><td>melScale / slaneyNorm</td><td>KALDI / false</td><td>see {@link MelScale}</td></tr>
 *   <tr><td>lowFreqHz / highFreqHz</td><td>20 / 0</td><td>high <= 0 means Nyquist + high (Kaldi)</td></tr>
 *   <tr><td>window</td><td>POVEY</td><td>see {@link WindowType}</td></tr>
 *   <tr><td>preemphasis</td><td>0.97</td><td>x[i] -= c x[i-1] within each frame, x[0] -= c x[0]</td></tr>
 *   <tr><td>removeDcOffset</td><td>true</td><td>subtract each frame's mean</td></tr>
 *   <tr><td>dither / ditherSeed</td><td>0 / 0</td><td>Gaussian noise of this std-dev (sample units
 *       of 1/32768), seeded per frame so it is reproducible and independent of chunking</td></tr>
 *   <tr><td>snipEdges</td><td>true</td><td>see {@link org.elman.audio.frame.Framing}</td></tr>
 *   <tr><td>usePower</td><td>true</td><td>power spectrum; false = magnitude</td></tr>
 *   <tr><td>applyLog / logFloor</td><td>true / 2^-23</td><td>log(max(x, floor)); MFCC always logs</td></tr>
 *   <tr><td>sampleScale</td><td>32768</td><td>samples in [-1, 1] are multiplied by this first; Kaldi
 *       reads 16-bit audio as integers, so 32768 reproduces its numbers (and its log floor)</td></tr>
 * </table>
 * The FFT length is the frame length rounded up to a power of two.
 */
public record FrontendConfig(int sampleRateHz, double frameLengthMs, double frameShiftMs, FeatureType featureType,
                             int numMelBins, int numCeps, double cepstralLifter, MelScale melScale,
                             boolean slaneyNorm, double lowFreqHz, double highFreqHz, WindowType window,
                             double preemphasis, boolean removeDcOffset, double dither, long ditherSeed,
                             boolean snipEdges, boolean usePower, boolean applyLog, double logFloor,
                             double sampleScale) {
    /** Kaldi's log floor: the float machine epsilon 2^-23. */
    public static final double FLOAT_EPSILON = 1.1920928955078125e-07;

    public FrontendConfig {
        AudioData.checkSampleRate("FrontendConfig", sampleRateHz);
        require(featureType != null && melScale != null && window != null, "featureType, melScale and window must be set");
        require(frameLengthMs > 0 && frameShiftMs > 0, "frameLengthMs and frameShiftMs must be > 0");
        int len = (int) (sampleRateHz * 0.001 * frameLengthMs);
        require(len >= 2 && len <= (1 << 20), "frameLengthMs " + frameLengthMs + " gives " + len
                + " samples at " + sampleRateHz + " Hz; need 2..2^20");
        require((int) (sampleRateHz * 0.001 * frameShiftMs) >= 1, "frameShiftMs " + frameShiftMs + " is under one sample");
        require(numMelBins >= 1, "numMelBins must be >= 1, got " + numMelBins);
        require(featureType != FeatureType.MFCC || (numCeps >= 1 && numCeps <= numMelBins),
                "numCeps must be in 1..numMelBins (" + numMelBins + "), got " + numCeps);
        require(cepstralLifter >= 0, "cepstralLifter must be >= 0, got " + cepstralLifter);
        double nyq = sampleRateHz / 2.0, high = highFreqHz <= 0 ? nyq + highFreqHz : highFreqHz;
        require(lowFreqHz >= 0 && lowFreqHz < high && high <= nyq, "need 0 <= lowFreqHz < highFreqHz <= Nyquist ("
                + nyq + " Hz); got low " + lowFreqHz + ", high " + highFreqHz + " (effective " + high + ")");
        require(preemphasis >= 0 && preemphasis <= 1, "preemphasis must be in [0, 1], got " + preemphasis);
        require(dither >= 0 && Double.isFinite(dither), "dither must be >= 0, got " + dither);
        require(logFloor > 0, "logFloor must be > 0, got " + logFloor);
        require(sampleScale > 0 && Double.isFinite(sampleScale), "sampleScale must be > 0, got " + sampleScale);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("FrontendConfig: " + message);
    }

    /** The defaults (Kaldi-compatible 80-bin fbank). */
    public static FrontendConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public int frameLengthSamples() {
        return (int) (sampleRateHz * 0.001 * frameLengthMs);
    }

    public int frameShiftSamples() {
        return (int) (sampleRateHz * 0.001 * frameShiftMs);
    }

    /** FFT length: the frame length rounded up to a power of two. */
    public int fftSize() {
        return Integer.highestOneBit(frameLengthSamples() - 1) << 1;
    }

    /** The upper mel frequency in Hz after applying the "<= 0 means Nyquist + value" rule. */
    public double effectiveHighFreqHz() {
        return highFreqHz <= 0 ? sampleRateHz / 2.0 + highFreqHz : highFreqHz;
    }

    /** Values per output frame. */
    public int featureDim() {
        return switch (featureType) {
            case SPECTROGRAM -> fftSize() / 2 + 1;
            case FBANK -> numMelBins;
            case MFCC -> numCeps;
        };
    }

    /** Every setting as strings keyed by component name, e.g. to store in a model file. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (RecordComponent c : FrontendConfig.class.getRecordComponents()) {
                m.put(c.getName(), String.valueOf(c.getAccessor().invoke(this)));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    /**
     * Reads settings written by {@link #toMap()}; missing keys take the defaults, unknown keys or
     * unparsable values are an {@link IllegalArgumentException} naming the key.
     */
    public static FrontendConfig fromMap(Map<String, String> map) {
        RecordComponent[] comps = FrontendConfig.class.getRecordComponents();
        TreeSet<String> unknown = new TreeSet<>(map.keySet());
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        FrontendConfig def = defaults();
        try {
            for (int i = 0; i < comps.length; i++) {
                RecordComponent c = comps[i];
                types[i] = c.getType();
                unknown.remove(c.getName());
                String v = map.get(c.getName());
                args[i] = v == null ? c.getAccessor().invoke(def) : parse(c.getName(), c.getType(), v.trim());
            }
            if (!unknown.isEmpty()) throw new IllegalArgumentException("FrontendConfig: unknown keys " + unknown);
            Constructor<FrontendConfig> ctor = FrontendConfig.class.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(String key, Class<?> type, String v) {
        try {
            if (type == int.class) return Integer.parseInt(v);
            if (type == long.class) return Long.parseLong(v);
            if (type == double.class) return Double.parseDouble(v);
            if (type == boolean.class) {
                if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException("not a boolean");
                return Boolean.parseBoolean(v);
            }
            return Enum.valueOf((Class<? extends Enum>) type, v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FrontendConfig: bad value '" + v + "' for key " + key
                    + " (" + type.getSimpleName() + ")", e);
        }
    }

    /** Builder; every setting is optional and starts at its documented default. */
    public static final class Builder {
        private int sampleRateHz = 16000;
        private double frameLengthMs = 25;
        private double frameShiftMs = 10;
        private FeatureType featureType = FeatureType.FBANK;
        private int numMelBins = 80;
        private int numCeps = 13;
        private double cepstralLifter = 22;
        private MelScale melScale = MelScale.KALDI;
        private boolean slaneyNorm = false;
        private double lowFreqHz = 20;
        private double highFreqHz = 0;
        private WindowType window = WindowType.POVEY;
        private double preemphasis = 0.97;
        private boolean removeDcOffset = true;
        private double dither = 0;
        private long ditherSeed = 0;
        private boolean snipEdges = true;
        private boolean usePower = true;
        private boolean applyLog = true;
        private double logFloor = FLOAT_EPSILON;
        private double sampleScale = 32768;

        private Builder() {
        }

        private Builder(FrontendConfig c) {
            sampleRateHz = c.sampleRateHz();
            frameLengthMs = c.frameLengthMs();
            frameShiftMs = c.frameShiftMs();
            featureType = c.featureType();
            numMelBins = c.numMelBins();
            numCeps = c.numCeps();
            cepstralLifter = c.cepstralLifter();
            melScale = c.melScale();
            slaneyNorm = c.slaneyNorm();
            lowFreqHz = c.lowFreqHz();
            highFreqHz = c.highFreqHz();
            window = c.window();
            preemphasis = c.preemphasis();
            removeDcOffset = c.removeDcOffset();
            dither = c.dither();
            ditherSeed = c.ditherSeed();
            snipEdges = c.snipEdges();
            usePower = c.usePower();
            applyLog = c.applyLog();
            logFloor = c.logFloor();
            sampleScale = c.sampleScale();
        }

        public Builder optSampleRateHz(int v) {
            sampleRateHz = v;
            return this;
        }

        public Builder optFrameLengthMs(double v) {
            frameLengthMs = v;
            return this;
        }

        public Builder optFrameShiftMs(double v) {
            frameShiftMs = v;
            return this;
        }

        public Builder optFeatureType(FeatureType v) {
            featureType = v;
            return this;
        }

        public Builder optNumMelBins(int v) {
            numMelBins = v;
            return this;
        }

        public Builder optNumCeps(int v) {
            numCeps = v;
            return this;
        }

        public Builder optCepstralLifter(double v) {
            cepstralLifter = v;
            return this;
        }

        public Builder optMelScale(MelScale v) {
            melScale = v;
            return this;
        }

        public Builder optSlaneyNorm(boolean v) {
            slaneyNorm = v;
            return this;
        }

        public Builder optLowFreqHz(double v) {
            lowFreqHz = v;
            return this;
        }

        public Builder optHighFreqHz(double v) {
            highFreqHz = v;
            return this;
        }

        public Builder optWindow(WindowType v) {
            window = v;
            return this;
        }

        public Builder optPreemphasis(double v) {
            preemphasis = v;
            return this;
        }

        public Builder optRemoveDcOffset(boolean v) {
            removeDcOffset = v;
            return this;
        }

        public Builder optDither(double v) {
            dither = v;
            return this;
        }

        public Builder optDitherSeed(long v) {
            ditherSeed = v;
            return this;
        }

        public Builder optSnipEdges(boolean v) {
            snipEdges = v;
            return this;
        }

        public Builder optUsePower(boolean v) {
            usePower = v;
            return this;
        }

        public Builder optApplyLog(boolean v) {
            applyLog = v;
            return this;
        }

        public Builder optLogFloor(double v) {
            logFloor = v;
            return this;
        }

        public Builder optSampleScale(double v) {
            sampleScale = v;
            return this;
        }

        /** Validates and builds; a bad value is an IllegalArgumentException naming the setting. */
        public FrontendConfig build() {
            return new FrontendConfig(sampleRateHz, frameLengthMs, frameShiftMs, featureType, numMelBins, numCeps, cepstralLifter, melScale, slaneyNorm, lowFreqHz, highFreqHz, window, preemphasis, removeDcOffset, dither, ditherSeed, snipEdges, usePower, applyLog, logFloor, sampleScale);
        }
    }
}
