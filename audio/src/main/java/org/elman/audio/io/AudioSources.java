package org.elman.audio.io;

import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.elman.audio.pcm.PcmEncoding;

/**
 * Where a recogniser's audio comes from: a file, raw PCM on a stream such as stdin, or the default
 * microphone (through TarsosDSP's {@code AudioDispatcher} and Java Sound). Every source is an
 * {@link AudioInput} delivering mono float samples at the requested rate.
 */
public final class AudioSources {
    private AudioSources() {
    }

    /** A file in any supported format, resampled to {@code rateHz}. */
    public static AudioInput file(Path path, int rateHz) throws IOException {
        return AudioFiles.open(path, rateHz);
    }

    /** Raw PCM on a stream (e.g. {@code System.in}) at {@code inputRateHz}, resampled to {@code rateHz}. */
    public static AudioInput rawStream(InputStream in, PcmEncoding encoding, int channels, int inputRateHz, int rateHz) {
        return ResamplingInput.of(RawPcmReader.open(in, encoding, channels, inputRateHz, "stdin"), rateHz);
    }

    /**
     * The default microphone, 16-bit mono at {@code rateHz}, read in blocks of {@code blockSamples}.
     * Fails with an IOException naming the problem when no capture device is available.
     */
    public static AudioInput microphone(int rateHz, int blockSamples) throws IOException {
        try {
            return new DispatcherInput(AudioDispatcherFactory.fromDefaultMicrophone(rateHz, blockSamples, 0));
        } catch (javax.sound.sampled.LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new IOException("no microphone available at " + rateHz + " Hz: " + e.getMessage(), e);
        }
    }
}
