package org.elman.models.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elman.audio.io.AudioFiles;
import org.elman.ctc.score.ErrorRate;
import org.elman.ctc.score.TextNormalizer;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.Utterance;
import org.elman.tensor.Sequences;
import org.elman.tensor.Tensor;

/** The committed espeak-ng yes/no/up/down fixtures as features, for the training tests. */
public final class YesNoFixtures {
    /** The speaker kept out of training. */
    public static final String HELD_OUT = "enus_f4";

    private YesNoFixtures() {
    }

    /** Features (T, F), transcripts and speakers in {@code text} order. */
    public record Data(List<Tensor> features, List<String> texts, List<String> speakers) {}

    public static Path dir() throws Exception {
        return Path.of(YesNoFixtures.class.getResource("/speech/yesno/text").toURI()).getParent();
    }

    /** Every fixture through the recognizer's front end. */
    public static Data load(Recognizer r) throws Exception {
        Path dir = dir();
        Data d = new Data(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Utterance u : KaldiDataDir.read(dir)) {
            d.features().add(r.features(AudioFiles.read(dir.resolve(u.audio()), 16000)));
            d.texts().add(u.text());
            d.speakers().add(u.speaker());
        }
        return d;
    }

    /** Corpus word error rate ({@link ErrorRate} of the ctc module, no normalisation). */
    public static double wer(List<String> references, List<String> hypotheses) {
        ErrorRate.Totals t = new ErrorRate.Totals();
        for (int i = 0; i < references.size(); i++) t.add(ErrorRate.wer(references.get(i), hypotheses.get(i), TextNormalizer.none()));
        return t.errorRate();
    }

    /** Pads (T, F) matrices into a (Tmax, N, F) batch; fills {@code lengths}. */
    public static Tensor batch(List<Tensor> feats, int[] lengths) {
        return Sequences.padTimeMajor(feats, lengths);
    }
}
