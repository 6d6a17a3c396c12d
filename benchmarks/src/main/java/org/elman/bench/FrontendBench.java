package org.elman.bench;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import be.tarsos.dsp.mfcc.MFCC;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.function.Supplier;
import org.elman.audio.feature.FeatureExtractor;
import org.elman.audio.feature.FeatureMatrix;
import org.elman.audio.feature.FeatureType;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.feature.OnlineFeatures;
import org.elman.audio.frame.Framing;
import org.elman.audio.pcm.ReferenceResampler;
import org.elman.audio.pcm.Resampler;

/**
 * Front-end throughput, single-threaded, on the same 10 minutes of 16 kHz audio: 80-bin log-mel
 * (Kaldi-compatible defaults), 13-coefficient MFCC (40 mel bins), the streaming path in 160-sample
 * chunks, and TarsosDSP's {@code MFCC} processor (13 coefficients, 40 filters, 512-sample frames,
 * 160-sample hop) driven by its {@code AudioDispatcher}. Prints {@code NAME = VALUE xRT} (audio
 * seconds per second of the benchmark thread's CPU time, best of 5 after 2 warm-ups; CPU time
 * because the machines we share are busy; {@code -Dbench.wall=true} uses wall time) and
 * {@code NAME.vs_tarsos = RATIO}. With {@code -Dbench.ab=true} it also alternates the fast log-mel
 * path with the plain reference pipeline ({@code FeatureExtractor.reference}) and prints their ratio.
 * Resampling to 16 kHz (8 kHz, 44.1 kHz and 48 kHz input, 2 minutes of noisy tones each, whole
 * signal; and 8 kHz in 20 ms chunks as a streaming client sends it) alternates the fast
 * {@code Resampler} with {@code ReferenceResampler} in this JVM: {@code resampleXkYk = N xRT},
 * {@code resampleXkYk_reference = N xRT} and {@code resampleXkYk.vs_reference = RATIO} (audio seconds
 * per CPU second; the 8k -> 16k case is the streaming server's).
 *
 * <pre>
 * mvn -B -q -Pbench -pl benchmarks -am install -DskipTests
 * mvn -B -q -Pbench -pl benchmarks exec:exec -Dbench.main=org.elman.bench.FrontendBench [-Dbench.ab=true]
 * </pre>
 * Optional argument: minutes of audio (default 10).
 */
public final class FrontendBench {
    private static final int RATE = 16000;

    private FrontendBench() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 && !args[0].isBlank() ? Double.parseDouble(args[0]) : 10;
        float[] audio = audio((int) (minutes * 60 * RATE));
        double seconds = audio.length / (double) RATE;
        FrontendConfig fbank = FrontendConfig.defaults();
        FrontendConfig mfcc = fbank.toBuilder().optFeatureType(FeatureType.MFCC).optNumMelBins(40).build();
        validate(fbank, audio);
        validate(mfcc, audio);
        double logmel = seconds / best(() -> new FeatureExtractor(fbank).compute(audio));
        double mfccRt = seconds / best(() -> new FeatureExtractor(mfcc).compute(audio));
        double online = seconds / best(() -> streamed(fbank, audio));
        double tarsos = seconds / best(() -> tarsosMfcc(audio));
        if (Boolean.getBoolean("bench.ab")) abReference(fbank, audio, seconds);
        System.out.printf("audio_seconds = %.0f%n", seconds);
        System.out.printf("logmel80 = %.0f xRT%n", logmel);
        System.out.printf("mfcc13 = %.0f xRT%n", mfccRt);
        System.out.printf("logmel80_online_chunk160 = %.0f xRT%n", online);
        System.out.printf("tarsos_mfcc13 = %.0f xRT%n", tarsos);
        System.out.printf("logmel80.vs_tarsos = %.2f%n", logmel / tarsos);
        System.out.printf("mfcc13.vs_tarsos = %.2f%n", mfccRt / tarsos);
        abResample(8000, 0);
        abResample(8000, 160);
        abResample(44100, 0);
        abResample(48000, 0);
    }

    /**
     * A/B: the fast log-mel path against the plain reference pipeline
     * ({@link FeatureExtractor#reference}), alternated A,B,A,B... in this JVM so that background load
     * hits both alike. Prints each side's best real-time factor and the ratio.
     */
    static void abReference(FrontendConfig cfg, float[] audio, double seconds) {
        FeatureExtractor fast = new FeatureExtractor(cfg), ref = FeatureExtractor.reference(cfg);
        double bestFast = Double.MAX_VALUE, bestRef = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            bestFast = Math.min(bestFast, best(() -> fast.compute(audio), 1, 1));
            bestRef = Math.min(bestRef, best(() -> ref.compute(audio), 1, 1));
        }
        System.out.printf("ab.logmel80_fast = %.0f xRT%n", seconds / bestFast);
        System.out.printf("ab.logmel80_reference = %.0f xRT%n", seconds / bestRef);
        System.out.printf("ab.fast_vs_reference = %.2f%n", bestRef / bestFast);
    }

    /**
     * Resampling {@code inRate -> 16000} of 2 minutes of audio, the fast {@link Resampler} and the
     * {@link ReferenceResampler} alternated (after checking they agree bit for bit), whole signal or in chunks of
     * {@code chunk} input samples (0: whole). Prints both real-time factors and their ratio.
     */
    static void abResample(int inRate, int chunk) {
        Random rng = new Random(7);
        float[] x = new float[2 * 60 * inRate];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + (i / (inRate / 10)) % 40 * 50) * i / inRate)
                    + 0.05 * rng.nextGaussian());
        }
        float[] a = Resampler.resample(x, inRate, RATE), b = ReferenceResampler.resample(x, inRate, RATE);
        if (!java.util.Arrays.equals(a, b)) throw new IllegalStateException("fast and reference resamplers differ");
        double bestFast = Double.MAX_VALUE, bestRef = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            bestFast = Math.min(bestFast, best(() -> resampled(new Resampler(inRate, RATE)::process, x, chunk), 1, 1));
            bestRef = Math.min(bestRef, best(() -> resampled(new ReferenceResampler(inRate, RATE)::process, x, chunk), 1, 1));
        }
        String name = "resample" + Math.round(inRate / 1000.0) + "k16k" + (chunk > 0 ? "_chunk" + chunk : "");
        double seconds = x.length / (double) inRate;
        System.out.printf("%s = %.0f xRT%n", name, seconds / bestFast);
        System.out.printf("%s_reference = %.0f xRT%n", name, seconds / bestRef);
        System.out.printf("%s.vs_reference = %.2f%n", name, bestRef / bestFast);
    }

    /** The chunk-feeding signature both resamplers share. */
    interface ChunkProcessor {
        float[] process(float[] x, int off, int len, boolean flush);
    }

    static Object resampled(ChunkProcessor r, float[] x, int chunk) {
        if (chunk <= 0) return r.process(x, 0, x.length, true);
        long n = 0;
        for (int off = 0; off < x.length; off += chunk) n += r.process(x, off, Math.min(chunk, x.length - off), false).length;
        return n + r.process(x, 0, 0, true).length;
    }

    static float[] audio(int n) {
        Random rng = new Random(42);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + (i / 1600) % 40 * 50) * i / RATE)
                    + 0.05 * rng.nextGaussian());
        }
        return x;
    }

    /** Checks the outputs are sane before timing anything. */
    static void validate(FrontendConfig cfg, float[] audio) {
        float[] head = java.util.Arrays.copyOf(audio, RATE);
        FeatureMatrix m = new FeatureExtractor(cfg).compute(head);
        if (m.numFrames() != 98 || m.dim() != cfg.featureDim()) throw new IllegalStateException("unexpected shape");
        for (float v : m.data()) if (!Float.isFinite(v)) throw new IllegalStateException("non-finite feature");
        if (!java.util.Arrays.equals(m.data(), streamed(cfg, head).data())) {
            throw new IllegalStateException("streaming output differs from offline");
        }
    }

    static FeatureMatrix streamed(FrontendConfig cfg, float[] audio) {
        OnlineFeatures f = new OnlineFeatures(cfg);
        int dim = cfg.featureDim();
        long total = new Framing(cfg.frameLengthSamples(), cfg.frameShiftSamples(), cfg.snipEdges())
                .numFrames(audio.length, true);
        float[] out = new float[(int) total * dim];
        int read = 0;
        for (int off = 0; off < audio.length; off += 160) {
            f.acceptWaveform(audio, off, Math.min(160, audio.length - off));
            int ready = f.numFramesReady();
            if (ready > read) {
                f.frames(read, ready - read, out, read * dim);
                f.releaseFramesBefore(ready);
                read = ready;
            }
        }
        f.inputFinished();
        f.frames(read, f.numFramesReady() - read, out, read * dim);
        return new FeatureMatrix(out, (int) total, dim);
    }

    static Object tarsosMfcc(float[] audio) {
        try {
            AudioDispatcher d = AudioDispatcherFactory.fromFloatArray(audio, RATE, 512, 512 - 160);
            MFCC mfcc = new MFCC(512, RATE, 13, 40, 20, 8000);
            float[][] last = new float[1][];
            d.addAudioProcessor(mfcc);
            d.addAudioProcessor(new AudioProcessor() {
                @Override
                public boolean process(AudioEvent e) {
                    last[0] = mfcc.getMFCC();
                    return true;
                }

                @Override
                public void processingFinished() {
                }
            });
            d.run();
            return last[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Best of 5 runs after 2 warm-ups, in seconds of this thread's CPU time (or wall time with -Dbench.wall). */
    static double best(Supplier<Object> work) {
        return best(work, 2, 5);
    }

    static double best(Supplier<Object> work, int warmups, int runs) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean wall = Boolean.getBoolean("bench.wall") || !mx.isCurrentThreadCpuTimeSupported();
        for (int i = 0; i < warmups; i++) work.get();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = wall ? System.nanoTime() : mx.getCurrentThreadCpuTime();
            Object r = work.get();
            long t1 = wall ? System.nanoTime() : mx.getCurrentThreadCpuTime();
            best = Math.min(best, (t1 - t0) / 1e9);
            if (r == null) throw new IllegalStateException("no result");
        }
        return best;
    }
}
