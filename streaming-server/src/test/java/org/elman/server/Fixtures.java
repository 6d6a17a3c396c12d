package org.elman.server;

import java.nio.file.Path;
import org.elman.audio.AudioData;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.io.AudioFiles;
import org.elman.audio.pcm.Resampler;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;

/** An untrained streaming TDNN recognizer (seeded, emits characters) and the yes/no WAV fixtures as 8 kHz PCM16. */
final class Fixtures {
    static final CharTokenizer TOK = new CharTokenizer("denopsuwy");
    static final FrontendConfig FE = FrontendConfig.builder().optNumMelBins(20).build();
    static final Path YESNO = Path.of("../models/src/test/resources/speech/yesno");

    private Fixtures() {
    }

    static Recognizer recognizer() {
        TdnnModel m = TdnnModel.builder().setInputDim(20).setVocabSize(TOK.size()).optHiddenDim(16).optSeed(4).build();
        return Recognizer.builder().setModel(m).setTokenizer(TOK).optFrontend(FE).optUtteranceCmvn(false).build();
    }

    /** A fixture resampled to 8 kHz and quantised to PCM16LE, as a telephony client would send it. */
    static byte[] pcm8k(String name) throws Exception {
        AudioData a = AudioFiles.read(YESNO.resolve(name), 16000);
        return Pcm16.fromFloats(Resampler.resample(a.samples(), 16000, 8000));
    }

    /** What the server hears: the PCM16 samples resampled to the model's 16 kHz. */
    static AudioData asModelHears(byte[] pcm8k) {
        return new AudioData(Resampler.resample(Pcm16.toFloats(pcm8k), 8000, 16000), 16000);
    }

    /** {@code seconds} of faint seeded noise at 8 kHz as PCM16 (digital zeros are unlike recorded silence). */
    static byte[] quiet8k(double seconds, long seed) {
        float[] q = new float[(int) Math.round(seconds * 8000)];
        java.util.Random rng = new java.util.Random(seed);
        for (int i = 0; i < q.length; i++) q[i] = (float) (rng.nextGaussian() * 1e-3);
        return Pcm16.fromFloats(q);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
