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
}
