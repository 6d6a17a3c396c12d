package org.elman.models.speech;

import java.util.List;
import java.util.Map;
import org.elman.nn.Module;
import org.elman.tensor.Tensor;

/**
 * A CTC acoustic model: features in, per-frame log-probabilities over the tokens (blank included)
 * out. Shape legend: T input frames, T' output frames ({@code ceil(T / subsampling())} for the
 * models here), N batch, F feature dimension, V vocabulary size with the blank.
 *
 * <p>Offline: {@link #forward(Tensor, int[])} takes a padded time-major batch {@code (T, N, F)}
 * with the valid length of each sequence and returns {@code (T', N, V)} log-probabilities with
 * each sequence's output length. Frames at or past a sequence's output length are padding.
 *
 * <p>Streaming (models where {@link #isStreaming()} is true): {@link #newStream(int)} makes an
 * opaque per-batch state, {@link #forwardChunk} takes the next {@code (t, N, F)} chunk of every
 * stream (any t, zero included) and returns only the output frames that are final, and
 * {@link #finishStream} flushes what the end of input completes. The concatenated chunk outputs
 * equal the offline output for the whole input (up to float rounding) whatever the chunking.
 * Streaming runs in eval mode without gradients.
 *
 * <p>{@link #config()} is the architecture name (key {@value #KEY_ARCHITECTURE}) and every
 * hyper-parameter needed to rebuild the model, as strings (what a model file stores).
 */
public interface AcousticModel {
    /** Config key naming the architecture. */
    String KEY_ARCHITECTURE = "architecture";

    /**
     * @param features {@code (T, N, F)} padded batch
     * @param lengths  valid frames per sequence, each in {@code [1, T]}, or null for all T
     * @return log-probabilities {@code (T', N, V)} and output lengths
     */
    AcousticOutput forward(Tensor features, int[] lengths);

    /** Output frames per input frame, inverted: T' = ceil(T / subsampling()). */
    int subsampling();

    /** Output frames for an input of {@code t} frames. */
    int outputLength(int t);

    /** F, the feature dimension expected. */
    int inputDim();

    /** V, the number of output symbols including the blank. */
    int vocabSize();

    /** Architecture and hyper-parameters, enough to rebuild the model (weights aside). */
    Map<String, String> config();

    /** Whether {@link #newStream}, {@link #forwardChunk} and {@link #finishStream} are supported. */
    default boolean isStreaming() {
        return false;
    }

    /** A fresh streaming state for one stream. */
    default StreamState newStream() {
        return newStream(1);
    }

    /** A fresh streaming state for {@code n} streams decoded together. */
    default StreamState newStream(int n) {
        throw new UnsupportedOperationException(config().get(KEY_ARCHITECTURE) + " model with this configuration cannot stream");
    }

    /** Consumes the next chunk {@code (t, N, F)}; returns the final output frames {@code (t', N, V)} (t' may be 0). */
    default Tensor forwardChunk(StreamState state, Tensor chunk) {
        throw new UnsupportedOperationException(config().get(KEY_ARCHITECTURE) + " model with this configuration cannot stream");
    }

    /**
     * One {@link #forwardChunk} step for many independent streams at once (dynamic batching in a
     * server): {@code chunks.get(i)} goes to {@code states.get(i)}, chunk lengths may differ (zero
     * included), and the result list holds what {@code forwardChunk(states.get(i), chunks.get(i))}
     * would return. A model may run them as one forward pass; this default runs them one by one.
     */
    default List<Tensor> forwardChunks(List<StreamState> states, List<Tensor> chunks) {
        if (states.size() != chunks.size()) throw new IllegalArgumentException(states.size() + " stream states but " + chunks.size() + " chunks");
        List<Tensor> out = new java.util.ArrayList<>(states.size());
        for (int i = 0; i < states.size(); i++) out.add(forwardChunk(states.get(i), chunks.get(i)));
        return out;
    }

    /**
     * The end of many independent streams at once: {@code lastChunks.get(i)} (zero frames allowed)
     * is the final input of {@code states.get(i)}, and the result holds what
     * {@code forwardChunk(state, chunk)} followed by {@code finishStream(state)} would return,
     * concatenated. A model may run them as one forward pass; this default runs them one by one.
     */
    default List<Tensor> finishStreams(List<StreamState> states, List<Tensor> lastChunks) {
        if (states.size() != lastChunks.size()) throw new IllegalArgumentException(states.size() + " stream states but " + lastChunks.size() + " chunks");
        List<Tensor> out = new java.util.ArrayList<>(states.size());
        for (int i = 0; i < states.size(); i++) {
            Tensor head = forwardChunk(states.get(i), lastChunks.get(i));
            out.add(Frames.concatTime(head, finishStream(states.get(i))));
        }
        return out;
    }

    /** Ends the input; returns the remaining output frames {@code (t', N, V)}. */
    default Tensor finishStream(StreamState state) {
        throw new UnsupportedOperationException(config().get(KEY_ARCHITECTURE) + " model with this configuration cannot stream");
    }

    /** The model as a module (parameters, state dict, train/eval). */
    Module module();

    /** Trainable parameters. */
    default List<Tensor> parameters() {
        return module().parameters();
    }
}
