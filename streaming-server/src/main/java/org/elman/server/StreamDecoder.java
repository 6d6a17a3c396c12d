package org.elman.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elman.audio.feature.FeatureMatrix;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.feature.OnlineFeatures;
import org.elman.autograd.GradMode;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.BeamStream;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.GreedyDecoder;
import org.elman.ctc.decode.HotWords;
import org.elman.ctc.decode.Hypothesis;
import org.elman.ctc.decode.WordTiming;
import org.elman.models.speech.StreamState;
import org.elman.tensor.Tensor;

/**
 * Recognition state of one client stream: PCM at the client's rate goes through {@link OnlineFeatures}
 * (which resamples to the model's rate), the streaming model and the CTC decoder, as
 * {@link org.elman.models.speech.StreamingRecognizer} does, but keeping the decoder's hypothesis
 * (token frames) for word times and endpointing. Utterances follow each other within the stream;
 * word times count from the stream's first sample. Not thread-safe: one call at a time.
 */
final class StreamDecoder {
    /**
     * A finished or partial utterance; {@code alternatives} is the n-best list (best first) when the
     * client asked for {@code max_alternatives}, else empty.
     */
    record Utterance(String text, List<Word> words, List<Alternative> alternatives) {
        Utterance(String text, List<Word> words) {
            this(text, words, List.of());
        }
    }

    /** One of the n-best hypotheses: its text, its share of the n-best probability mass, its words. */
    record Alternative(String text, double confidence, List<Word> words) {}

    /** A word with times in seconds from the stream start; {@code conf} is 1 (CTC gives no word posterior). */
    record Word(String word, double start, double end, double conf) {}

    private final DecoderSetup setup;
    private final ClientConfig client;
    private final HotWords hotWords;
    private final double outputFrameSeconds;
    private OnlineFeatures features;
    private StreamState state;
    private GreedyDecoder.State greedyState;
    private BeamStream beamState;
    private Hypothesis best; // of the frames decoded so far; null until asked for after a change
    private int consumed;
    private long samplesBefore;   // client-rate samples of the finished utterances
    private long samplesIn;       // client-rate samples of the current utterance

    StreamDecoder(DecoderSetup setup, ClientConfig client) {
        this.setup = setup;
        this.client = client;
        this.hotWords = client.phraseList().isEmpty() ? HotWords.none() : hotWords(setup, client.phraseList());
        FrontendConfig fe = setup.frontend();
        this.outputFrameSeconds = (double) fe.frameShiftSamples() * setup.model().subsampling() / fe.sampleRateHz();
        startUtterance();
    }

    /** The phrases as hot words; throws naming the phrase list when a phrase cannot be spelled. */
    static HotWords hotWords(DecoderSetup setup, List<String> phrases) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String p : phrases) m.put(p.toLowerCase(java.util.Locale.ROOT), setup.hotWordBoost());
        try {
            return HotWords.of(m, setup.tokens());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phrase_list: " + e.getMessage(), e);
        }
    }

    private void startUtterance() {
        if (features == null) features = new OnlineFeatures(setup.frontend(), client.sampleRateHz());
        else features.reset();   // as new, keeping its tables (building them costs about a millisecond)
        state = setup.model().newStream(1);
        consumed = 0;
        best = null;
        BeamSearchDecoder beam = beam();
        if (beam != null) {
            beamState = beam.newStream(hotWords);
            greedyState = null;
        } else {
            greedyState = setup.greedy().newState();
            beamState = null;
        }
    }

    private BeamSearchDecoder beam() {
        if (client.maxAlternatives() > 0) return setup.nBestBeam(client.maxAlternatives());
        return hotWords.isEmpty() ? setup.beam() : setup.hotWordBeam();
    }

    /** Feeds samples in [-1, 1]; returns the finished utterance when an endpoint was reached, else null. */
    @SuppressWarnings("try")
    Utterance accept(float[] samples) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor chunk = prepare(samples);
            return complete(chunk == null ? null : setup.model().forwardChunk(state, chunk)) ? finish() : null;
        }
    }

    /**
     * First step of {@link #accept}, split for batching ({@link DecodeBatcher}): feeds the samples to
     * the front end and returns the newly ready feature frames {@code (t, 1, F)} for the model (to be
     * run with {@link #modelState()}), or null when none is ready.
     */
    Tensor prepare(float[] samples) {
        features.acceptWaveform(samples, 0, samples.length);
        samplesIn += samples.length;
        return nextChunk();
    }

    /** The model's stream state of the current utterance. */
    StreamState modelState() {
        return state;
    }

    /**
     * Second step of {@link #accept}: decodes the model's output for the chunk {@link #prepare}
     * returned (null when it returned null) and applies the endpoint rules: true when the utterance
     * should end now ({@link #finish}, or batched: {@link #endInput} and {@link #endUtterance}).
     */
    boolean complete(Tensor logProbs) {
        if (logProbs != null) decode(logProbs);
        double lengthMs = 1000.0 * samplesIn / client.sampleRateHz();
        Hypothesis h = best();
        double trailingMs = 1000.0 * outputFrameSeconds * (framesDecoded() - (h.frames().length == 0 ? 0 : h.frames()[h.frames().length - 1] + 1));
        return setup.endpoints().reached(h.tokens().length > 0, lengthMs, trailingMs);
    }

    /** Ends the current utterance and returns it; later audio starts a new one. */
    @SuppressWarnings("try")
    Utterance finish() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return endUtterance(setup.model().finishStreams(List.of(state), List.of(endInput())).get(0));
        }
    }

    /**
     * First step of {@link #finish}, split for batching: ends the front end's input and returns its
     * last feature frames {@code (t, 1, F)}, t possibly 0, for {@link org.elman.models.speech.AcousticModel#finishStreams}.
     */
    Tensor endInput() {
        features.inputFinished();
        Tensor chunk = nextChunk();
        return chunk != null ? chunk : Tensor.zeros(0, 1, features.dim());
    }

    /** Second step of {@link #finish}: decodes the model's last output frames and starts a new utterance. */
    Utterance endUtterance(Tensor lastLogProbs) {
        decode(lastLogProbs);
        Utterance u = client.maxAlternatives() > 0 ? withAlternatives(beam().result(beamState)) : utterance(best());
        samplesBefore += samplesIn;
        samplesIn = 0;
        startUtterance();
        return u;
    }

    /** The best text of the current utterance so far. */
    String partialText() {
        return setup.tokenizer().decode(best().tokens());
    }

    /** Seconds of audio received. */
    double secondsReceived() {
        return (double) (samplesBefore + samplesIn) / client.sampleRateHz();
    }

    /** The best hypothesis so far, found once per change (the endpoint check and the partial reply both ask). */
    private Hypothesis best() {
        if (best == null) best = beamState != null ? beam().best(beamState) : setup.greedy().result(greedyState);
        return best;
    }

    private int framesDecoded() {
        return beamState != null ? beamState.framesSeen() : greedyState.framesSeen();
    }

    private Tensor nextChunk() {
        int ready = features.numFramesReady();
        if (ready == consumed) return null;
        FeatureMatrix m = features.frames(consumed, ready - consumed);
        features.releaseFramesBefore(ready);
        consumed = ready;
        return Tensor.of(m.data(), m.numFrames(), 1, m.dim());
    }

    private void decode(Tensor logProbs) {
        if (logProbs.size(0) == 0) return;
        best = null;
        FrameSource src = FrameSource.of(logProbs.reshape(logProbs.size(0), logProbs.size(2)));
        if (beamState != null) beam().accept(beamState, src); else setup.greedy().accept(greedyState, src);
    }

    private Utterance utterance(Hypothesis h) {
        return new Utterance(setup.tokenizer().decode(h.tokens()), words(h));
    }

    private List<Word> words(Hypothesis h) {
        double offset = (double) samplesBefore / client.sampleRateHz();
        List<Word> words = new ArrayList<>();
        for (WordTiming w : WordTiming.of(h, setup.tokens())) {
            words.add(new Word(w.word(), offset + w.start() * outputFrameSeconds, offset + w.end() * outputFrameSeconds, 1.0));
        }
        return words;
    }

    /**
     * The n-best list (best first) as alternatives; each confidence is the hypothesis's posterior
     * within the list, {@code exp(score_i) / sum_j exp(score_j)}, so they sum to 1 and keep the order.
     */
    private Utterance withAlternatives(List<Hypothesis> nBest) {
        if (nBest.isEmpty()) return new Utterance("", List.of(), List.of());
        double top = nBest.get(0).score();
        double[] weight = new double[nBest.size()];
        double sum = 0;
        for (int i = 0; i < weight.length; i++) {
            weight[i] = Double.isInfinite(top) ? 1 : Math.exp(nBest.get(i).score() - top);
            sum += weight[i];
        }
        List<Alternative> alts = new ArrayList<>();
        for (int i = 0; i < weight.length; i++) {
            Hypothesis h = nBest.get(i);
            alts.add(new Alternative(setup.tokenizer().decode(h.tokens()), weight[i] / sum, words(h)));
        }
        Utterance best = utterance(nBest.get(0));
        return new Utterance(best.text(), best.words(), alts);
    }
}
