package org.elman.models.speech;

import org.elman.audio.feature.FeatureMatrix;
import org.elman.audio.feature.OnlineFeatures;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.BeamStream;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.GreedyDecoder;
import org.elman.ctc.decode.Hypothesis;
import org.elman.tensor.Tensor;

/**
 * One audio stream through a streaming {@link AcousticModel}: samples in any chunking go to
 * {@link OnlineFeatures}, every newly ready feature frame to {@link AcousticModel#forwardChunk},
 * every final output frame to the recognizer's CTC decoder (greedy or beam; both keep their state
 * per stream). Because each stage is chunking-invariant, {@link #result()} after
 * {@link #inputFinished()} equals {@link Recognizer#recognize} on the whole audio; {@link #partial()}
 * is the best text so far. Needs a streaming model and no per-utterance CMVN (which needs the whole
 * utterance) nor joint attention decoding. Not thread-safe; the model is shared, read-only, and
 * must stay in eval mode.
 *
 * <pre>{@code
 * StreamingRecognizer s = recognizer.newSession();
 * s.acceptWaveform(chunk, 0, chunk.length);   // repeatedly; s.partial().text() at any time
 * s.inputFinished();
 * String text = s.result().text();
 * }</pre>
 */
public final class StreamingRecognizer {
    private final Recognizer recognizer;
    private final AcousticModel model;
    private final OnlineFeatures features;
    private final StreamState state;
    private final GreedyDecoder greedy;
    private final GreedyDecoder.State greedyState;
    private final BeamSearchDecoder beam;
    private final BeamStream beamState;
    private int consumed;
    private boolean finished;

    StreamingRecognizer(Recognizer r) {
        this.recognizer = r;
        this.model = r.model();
        if (!model.isStreaming()) throw new IllegalArgumentException(model.config().get(AcousticModel.KEY_ARCHITECTURE) + " model with this configuration cannot stream");
        if (r.utteranceCmvn()) throw new IllegalArgumentException("per-utterance CMVN needs the whole utterance: build the recognizer with optUtteranceCmvn(false) to stream");
        if (r.joint()) throw new IllegalArgumentException("joint CTC/attention decoding does not stream");
        model.module().eval();
        this.features = new OnlineFeatures(r.frontend());
        this.state = model.newStream(1);
        this.beam = r.beamDecoder();
        this.greedy = beam == null ? new GreedyDecoder(r.tokens()) : null;
        this.greedyState = greedy == null ? null : greedy.newState();
        this.beamState = beam == null ? null : beam.newStream();
    }

    /** Feeds samples (at the front end's rate, in [-1, 1]). */
    public void acceptWaveform(float[] samples, int off, int len) {
        if (finished) throw new IllegalStateException("input already finished");
        features.acceptWaveform(samples, off, len);
        pump();
    }

    /** Marks the end of the audio and flushes the model and decoder. */
    public void inputFinished() {
        if (finished) throw new IllegalStateException("input already finished");
        finished = true;
        features.inputFinished();
        pump();
        decode(model.finishStream(state));
    }

    private void pump() {
        int ready = features.numFramesReady();
        if (ready == consumed) return;
        FeatureMatrix m = features.frames(consumed, ready - consumed);
        Tensor chunk = Tensor.of(m.data(), m.numFrames(), 1, m.dim());
        features.releaseFramesBefore(ready);
        consumed = ready;
        decode(model.forwardChunk(state, chunk));
    }

    private void decode(Tensor logProbs) {
        if (logProbs.size(0) == 0) return;
        FrameSource src = FrameSource.of(logProbs.reshape(logProbs.size(0), logProbs.size(2)));
        if (beam != null) beam.accept(beamState, src); else greedy.accept(greedyState, src);
    }

    /** The best hypothesis so far. */
    public Recognizer.Result partial() {
        Hypothesis h = beam != null ? beam.best(beamState) : greedy.result(greedyState);
        return new Recognizer.Result(recognizer.tokenizer().decode(h.tokens()), h.tokens(), h.score());
    }

    /** The final result; only after {@link #inputFinished()}. */
    public Recognizer.Result result() {
        if (!finished) throw new IllegalStateException("call inputFinished() before result()");
        return partial();
    }

    /** Feature frames consumed so far. */
    public int framesConsumed() {
        return consumed;
    }
}
