package org.elman.models.train;

import java.io.IOException;
import java.nio.file.Path;
import org.elman.ctc.score.ErrorRate;
import org.elman.ctc.score.TextNormalizer;
import org.elman.models.seq2seq.JointBeamSearch;
import org.elman.models.seq2seq.Seq2SeqCtcModel;
import org.elman.models.speech.Recognizer;

/**
 * Dev-set scoring: greedy CTC decoding of every cached dev utterance with the {@link Recognizer}
 * (the model runs in eval mode and is put back in its mode after), corpus WER and CER ({@link
 * ErrorRate} of the ctc module on the normalised transcripts; CER counts spaces).
 */
final class DevScorer {
    private DevScorer() {
    }

    record Scores(double wer, double cer, String firstHypothesis) {}

    static Scores score(Recognizer r, SpeechData dev) {
        ErrorRate.Totals w = new ErrorRate.Totals();
        ErrorRate.Totals c = new ErrorRate.Totals();
        String first = null;
        for (int i = 0; i < dev.size(); i++) {
            String hyp = r.recognizeFeatures(dev.features(i)).text();
            if (first == null) first = hyp;
            w.add(ErrorRate.wer(dev.text(i), hyp, TextNormalizer.none()));
            c.add(ErrorRate.cer(dev.text(i), hyp, TextNormalizer.none(), false));
        }
        return new Scores(w.errorRate(), c.errorRate(), first);
    }

    /** The attention weights of a greedy joint decode of the first dev utterance, as a PNG. */
    static void attentionPlot(Seq2SeqCtcModel model, SpeechData dev, Path png) throws IOException {
        boolean training = model.isTraining();
        try {
            JointBeamSearch.Result r = new JointBeamSearch(model, 1, model.ctcWeight()).decode(dev.features(0));
            Plots.attention(r.attention(), dev.utterance(0).id(), png);
        } finally {
            if (training) model.train();
        }
    }
}
