package org.elman.server.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.elman.audio.AudioData;
import org.elman.audio.io.AudioFiles;
import org.elman.server.Pcm16;

/** The audio a simulated client sends: a file resampled to the client's rate, as PCM16 little-endian. */
public final class LoadAudio {
    private LoadAudio() {
    }

    /**
     * Reads {@code file} (WAV or FLAC) at {@code rateHz} and repeats it until it lasts {@code seconds}
     * (cut there; 0 keeps the file's own length).
     */
    public static byte[] pcm16(Path file, int rateHz, double seconds) throws IOException {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) throw new IllegalArgumentException("seconds must be finite and >= 0, got " + seconds);
        AudioData a = AudioFiles.read(file, rateHz);
        if (a.samples().length == 0) throw new IllegalArgumentException(file + ": no audio samples");
        return Pcm16.fromFloats(loop(a.samples(), seconds == 0 ? a.samples().length : (int) Math.round(seconds * rateHz)));
    }

    /** {@code x} repeated (or cut) to {@code n} samples. */
    static float[] loop(float[] x, int n) {
        float[] out = new float[n];
        for (int at = 0; at < n; at += x.length) System.arraycopy(x, 0, out, at, Math.min(x.length, n - at));
        return out;
    }
}
