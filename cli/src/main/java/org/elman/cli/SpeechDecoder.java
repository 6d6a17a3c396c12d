package org.elman.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.elman.audio.AudioData;
import org.elman.audio.io.AudioInput;
import org.elman.ctc.align.Alignment;
import org.elman.ctc.align.ForcedAligner;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.BeamStream;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.GreedyDecoder;
import org.elman.ctc.decode.HotWords;
import org.elman.ctc.decode.Hypothesis;
import org.elman.ctc.decode.TokenTable;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.AcousticModel;
import org.elman.models.speech.Recognizer;
import org.elman.tensor.Tensor;

/**
 * Decodes audio of any length with one loaded model, in bounded memory: the input is read in
 * windows of a fixed length (30 s by default); each window gets its own features (with the
 * model's per-utterance CMVN when it uses one), one forward pass, a greedy or beam search (with
 * the word LM and hot words) and a forced alignment of the best hypothesis, whose word frames are
 * turned into seconds ({@code frame * subsampling * frameShift}) from the window's start. Memory
 * is one window of samples, features and log-probabilities whatever the file length. Windows are
 * cut at fixed times, so a word spoken across a boundary can be split or lost; inputs shorter
 * than a window give exactly the offline result. Not thread-safe: one instance per worker.
 */
final class SpeechDecoder {
    private final Recognizer recognizer;
    private final AcousticModel model;
    private final TokenTable tokens;
    private final BeamSearchDecoder beam;
    private final HotWords hotWords;
    private final int nBest;
    private final int windowSamples;
    private final double secondsPerFrame;

    SpeechDecoder(ModelFiles.Loaded loaded, DecodeSettings s) {
        this.recognizer = loaded.recognizer();
        this.model = loaded.model();
        this.tokens = Recognizer.tokenTable(recognizer.tokenizer());
        this.beam = s.beamDecoder(tokens, loaded.decoding());
        this.hotWords = s.hotWords().isEmpty() ? HotWords.none() : HotWords.of(s.hotWords(), tokens);
        this.nBest = s.nBest();
        this.windowSamples = (int) Math.round(s.windowSeconds() * recognizer.frontend().sampleRateHz());
        this.secondsPerFrame = model.subsampling() * recognizer.frontend().frameShiftMs() / 1000.0;
    }

    int sampleRateHz() {
        return recognizer.frontend().sampleRateHz();
    }

    /** Reads the input to its end, window by window. */
    Transcript decode(String id, AudioInput in) throws java.io.IOException {
        List<String> texts = new ArrayList<>();
        List<Transcript.Word> words = new ArrayList<>();
        List<Transcript.Window> alternatives = new ArrayList<>();
        double seconds = 0;
        for (Transcript t; (t = next(id, in, seconds)) != null; seconds += t.durationSeconds()) {
            if (!t.text().isEmpty()) texts.add(t.text());
            words.addAll(t.words());
            alternatives.addAll(t.nBest());
        }
        if (seconds == 0) throw new CliException(id + ": no audio samples");
        return new Transcript(id, String.join(" ", texts), words, alternatives, seconds);
    }

    /**
     * Reads and decodes the next window (times counted from {@code offsetSeconds}); null at the end
     * of the input. A tail shorter than one feature frame gives an empty transcript.
     */
    Transcript next(String id, AudioInput in, double offsetSeconds) throws java.io.IOException {
        float[] buf = new float[windowSamples];
        int n = fill(in, buf);
        if (n == 0) return null;
        double seconds = (double) n / sampleRateHz();
        if (n < minSamples()) return new Transcript(id, "", List.of(), List.of(), seconds);
        List<String> texts = new ArrayList<>();
        List<Transcript.Word> words = new ArrayList<>();
        List<Transcript.Window> alternatives = new ArrayList<>();
        decodeWindow(new AudioData(Arrays.copyOf(buf, n), sampleRateHz()), offsetSeconds, texts, words, alternatives);
        return new Transcript(id, String.join(" ", texts), words, nBest > 1 ? alternatives : List.of(), seconds);
    }

    private int minSamples() {
        return (int) Math.ceil(recognizer.frontend().frameLengthMs() * sampleRateHz() / 1000.0);
    }

    private static int fill(AudioInput in, float[] buf) throws java.io.IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) break;
            n += r;
        }
        return n;
    }

    private void decodeWindow(AudioData audio, double start, List<String> texts, List<Transcript.Word> words,
                              List<Transcript.Window> alternatives) {
        Tensor lp = recognizer.logProbs(recognizer.features(audio));
        List<Hypothesis> hyps = search(lp);
        Hypothesis best = hyps.get(0);
        String text = recognizer.tokenizer().decode(best.tokens()).strip();
        if (!text.isEmpty()) texts.add(text);
        if (best.tokens().length > 0) {
            Alignment a = new ForcedAligner(tokens).align(FrameSource.of(lp), best.tokens());
            for (Alignment.WordSpan w : a.words()) {
                words.add(new Transcript.Word(w.word(), start + w.start() * secondsPerFrame, start + w.end() * secondsPerFrame,
                        w.confidence()));
            }
        }
        List<Transcript.Alternative> alts = new ArrayList<>();
        for (Hypothesis h : hyps) alts.add(new Transcript.Alternative(recognizer.tokenizer().decode(h.tokens()).strip(), h.score()));
        alternatives.add(new Transcript.Window(start, alts));
    }

    private List<Hypothesis> search(Tensor lp) {
        FrameSource src = FrameSource.of(lp);
        if (beam == null) return List.of(new GreedyDecoder(tokens).decode(src));
        BeamStream s = beam.newStream(hotWords);
        beam.accept(s, src);
        List<Hypothesis> r = beam.result(s);
        return r.isEmpty() ? List.of(new GreedyDecoder(tokens).decode(src)) : r;
    }
}
