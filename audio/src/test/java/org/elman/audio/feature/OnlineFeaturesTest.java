package org.elman.audio.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** Streaming output must be bit-identical to offline output for any chunking. */
class OnlineFeaturesTest {
    static float[] signal(int n) {
        Random rng = new Random(11);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.05 * rng.nextGaussian());
        return x;
    }

    static List<FrontendConfig> configs() {
        return List.of(
                FrontendConfig.defaults(),
                FrontendConfig.builder().optFeatureType(FeatureType.MFCC).optNumMelBins(23).build(),
                FrontendConfig.builder().optSnipEdges(false).optDither(1.0).optDitherSeed(5).build(),
                FixtureFeaturesTest.plain().optMelScale(MelScale.SLANEY).optSlaneyNorm(true).optNumMelBins(64).build(),
                FixtureFeaturesTest.plain().optFeatureType(FeatureType.SPECTROGRAM).build());
    }

    /** Feeds the signal in chunks from {@code sizes}, reading ready frames after every chunk (and often releasing them). */
    static float[] streamed(FrontendConfig cfg, float[] x, IntSupplier sizes) {
        OnlineFeatures f = new OnlineFeatures(cfg);
        List<float[]> parts = new ArrayList<>();
        int read = 0, total = 0;
        for (int off = 0; off < x.length; ) {
            int len = Math.min(sizes.getAsInt(), x.length - off);
            f.acceptWaveform(x, off, len);
            off += len;
            int ready = f.numFramesReady();
            parts.add(f.frames(read, ready - read).data());
            read = ready;
            if (off % 2 == 0) f.releaseFramesBefore(read);
        }
        f.inputFinished();
        parts.add(f.frames(read, f.numFramesReady() - read).data());
        for (float[] p : parts) total += p.length;
        float[] out = new float[total];
        int p = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }

    @Test
    void anyChunkingGivesOfflineOutput() {
        float[] x = signal(4000);
        for (FrontendConfig cfg : configs()) {
            FeatureMatrix offline = new FeatureExtractor(cfg).compute(x);
            assertTrue(offline.numFrames() > 20);
            Random rng = new Random(2);
            IntSupplier[] chunkings = {() -> x.length, () -> 1, () -> 37, () -> 160, () -> 1 + rng.nextInt(700)};
            for (IntSupplier sizes : chunkings) {
                assertArrayEquals(offline.data(), streamed(cfg, x, sizes), cfg.featureType() + " " + cfg.melScale());
            }
        }
    }

    @Test
    void resampledInputIsChunkingInvariantToo() {
        float[] x8k = signal(3000);
        FrontendConfig cfg = FrontendConfig.defaults();
        FeatureMatrix offline = new FeatureExtractor(cfg).compute(new org.elman.audio.AudioData(x8k, 8000));
        for (int chunk : new int[] {1, 37, 3000}) {
            OnlineFeatures f = new OnlineFeatures(cfg, 8000);
            for (int off = 0; off < x8k.length; off += chunk) f.acceptWaveform(x8k, off, Math.min(chunk, x8k.length - off));
            f.inputFinished();
            assertArrayEquals(offline.data(), f.frames(0, f.numFramesReady()).data(), "chunk " + chunk);
        }
    }

    @Test
    void resetStartsAStreamEqualToAFreshObject() {
        float[] first = signal(2500);
        float[] second = signal(3100);
        for (int rate : new int[] {16000, 8000}) {
            for (FrontendConfig cfg : configs()) {
                FeatureMatrix offline = new FeatureExtractor(cfg).compute(new org.elman.audio.AudioData(second, rate));
                OnlineFeatures f = new OnlineFeatures(cfg, rate);
                f.acceptWaveform(first, 0, 1234);   // reset mid-stream, frames unread
                f.reset();
                f.acceptWaveform(first, 0, first.length);
                f.inputFinished();
                f.releaseFramesBefore(f.numFramesReady() - 1);
                f.reset();   // and after a finished stream with released frames
                for (int off = 0; off < second.length; off += 37) f.acceptWaveform(second, off, Math.min(37, second.length - off));
                f.inputFinished();
                assertArrayEquals(offline.data(), f.frames(0, f.numFramesReady()).data(), rate + " Hz " + cfg.featureType());
            }
        }
    }

    @Test
    void framesBecomeReadyAsSamplesArrive() {
        OnlineFeatures f = new OnlineFeatures(FrontendConfig.defaults());
        float[] x = signal(1000);
        f.acceptWaveform(x, 0, 399);
        assertEquals(0, f.numFramesReady());
        f.acceptWaveform(x, 399, 1);
        assertEquals(1, f.numFramesReady());
        f.acceptWaveform(x, 400, 600);
        assertEquals(4, f.numFramesReady());
        f.releaseFramesBefore(2);
        assertThrows(IndexOutOfBoundsException.class, () -> f.frames(1, 1));
        assertEquals(80, f.frames(2, 1).dim());
        f.inputFinished();
        assertThrows(IllegalStateException.class, () -> f.acceptWaveform(x, 0, 1));
    }

    @Test
    void ditherIsSeededAndReproducible() {
        float[] x = new float[1600];
        FrontendConfig a = FrontendConfig.builder().optDither(1.0).optDitherSeed(1).build();
        FeatureMatrix f1 = new FeatureExtractor(a).compute(x);
        assertArrayEquals(f1.data(), new FeatureExtractor(a).compute(x).data());
        FeatureMatrix f2 = new FeatureExtractor(a.toBuilder().optDitherSeed(2).build()).compute(x);
        assertTrue(f1.data()[0] != f2.data()[0]);
        FeatureMatrix silent = new FeatureExtractor(FrontendConfig.defaults()).compute(x);
        assertEquals(Math.log(FrontendConfig.FLOAT_EPSILON), silent.data()[0], 1e-6, "silence hits the log floor");
    }

    @Test
    void onlineCmvnIsChunkingIndependent() {
        FeatureMatrix m = new FeatureExtractor(FrontendConfig.defaults()).compute(signal(8000));
        FeatureMatrix whole = OnlineCmvn.apply(m, 10, true, null);
        OnlineCmvn c = new OnlineCmvn(m.dim(), 10, true, null);
        float[] chunked = m.data().clone();
        int t = 0;
        for (int step : new int[] {1, 3, 7, 50}) {
            int n = Math.min(step, m.numFrames() - t);
            c.process(chunked, t * m.dim(), n);
            t += n;
        }
        c.process(chunked, t * m.dim(), m.numFrames() - t);
        assertArrayEquals(whole.data(), chunked);
    }
}
