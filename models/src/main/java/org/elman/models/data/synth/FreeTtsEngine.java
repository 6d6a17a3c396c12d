package org.elman.models.data.synth;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import org.elman.audio.AudioData;

/**
 * FreeTTS 1.2.2 ({@code net.sf.sociaal:freetts} from Maven Central) speaking with its
 * {@value #VOICE} voice inside this JVM: no program to install. One engine holds one allocated
 * voice (about 0.4 s to load, 1 s for the first in a JVM) and is not thread-safe; engines on
 * different threads are independent and give byte-identical audio for the same input.
 *
 * <p>FreeTTS hands its audio to an {@link AudioPlayer}; the player here keeps the bytes in memory
 * (the machine needs no sound device, and FreeTTS's own file player prints a line per file).
 */
final class FreeTtsEngine implements AutoCloseable {
    /** The one FreeTTS voice allowed for training ({@code shared/data/README.md}): 16 kHz diphones. */
    static final String VOICE = "kevin16";
    private final Voice voice;
    private final MemoryPlayer player = new MemoryPlayer();

    FreeTtsEngine() throws IOException {
        Voice found = null;
        for (Voice v : new KevinVoiceDirectory().getVoices()) {
            if (v.getName().equals(VOICE)) found = v;
        }
        if (found == null) throw new IOException("FreeTTS has no voice '" + VOICE + "'");
        voice = found;
        voice.allocate();
        voice.setAudioPlayer(player);
    }

    /**
     * Speaks {@code text} at {@code rateWpm} words per minute with a base pitch of {@code pitchHz}.
     *
     * @throws IOException when FreeTTS fails or produces no audio
     */
    AudioData speak(String text, int rateWpm, int pitchHz) throws IOException {
        if (rateWpm <= 0 || pitchHz <= 0) {
            throw new IllegalArgumentException("FreeTTS rate and pitch must be > 0, got " + rateWpm + ", " + pitchHz);
        }
        player.bytes.reset();
        voice.setRate(rateWpm);
        voice.setPitch(pitchHz);
        if (!voice.speak(text)) throw new IOException("FreeTTS could not speak: " + text);
        AudioFormat f = player.format;
        if (f == null || f.getChannels() != 1 || f.getSampleSizeInBits() != 16
                || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
            throw new IOException("FreeTTS produced an unexpected audio format: " + f);
        }
        byte[] b = player.bytes.toByteArray();
        if (b.length < 2) throw new IOException("FreeTTS produced no audio for: " + text);
        return new AudioData(pcm16(b, f.isBigEndian()), Math.round(f.getSampleRate()));
    }

    static float[] pcm16(byte[] b, boolean bigEndian) {
        float[] out = new float[b.length / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = bigEndian ? b[2 * i] : b[2 * i + 1];
            int lo = (bigEndian ? b[2 * i + 1] : b[2 * i]) & 0xff;
            out[i] = (short) ((hi << 8) | lo) / 32768f;
        }
        return out;
    }

    @Override
    public void close() {
        voice.deallocate();
    }

    /** Keeps what FreeTTS writes; every playback control is a no-op. */
    private static final class MemoryPlayer implements AudioPlayer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AudioFormat format;
        private float volume = 1f;

        @Override public void setAudioFormat(AudioFormat f) { format = f; }
        @Override public AudioFormat getAudioFormat() { return format; }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void reset() { }
        @Override public boolean drain() { return true; }
        @Override public void begin(int size) { }
        @Override public boolean end() { return true; }
        @Override public void cancel() { }
        @Override public void close() { }
        @Override public float getVolume() { return volume; }
        @Override public void setVolume(float v) { volume = v; }
        @Override public long getTime() { return 0; }
        @Override public void resetTime() { }
        @Override public void startFirstSampleTimer() { }
        @Override public boolean write(byte[] audio) { return write(audio, 0, audio.length); }

        @Override
        public boolean write(byte[] audio, int offset, int size) {
            bytes.write(audio, offset, size);
            return true;
        }

        @Override public void showMetrics() { }
    }
}
