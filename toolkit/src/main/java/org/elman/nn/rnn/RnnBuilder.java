package org.elman.nn.rnn;

/**
 * The settings that the builder of every recurrent layer in this package shares: F ({@link
 * #setInputSize}), H ({@link #setHiddenSize}) and the initialisation seed ({@link #optSeed}),
 * with the checks their {@code build()} methods run. {@code B} is the concrete builder: each
 * setter returns it, so a chain keeps the layer's own options in reach.
 *
 * @param <B> the concrete builder
 */
public abstract class RnnBuilder<B extends RnnBuilder<B>> {
    int inputSize = -1;
    int hiddenSize = -1;
    long seed;

    RnnBuilder() {}

    /** F, features per input step (required, > 0). */
    public B setInputSize(int f) {
        inputSize = f;
        return self();
    }

    /** H, hidden units (per direction in a bidirectional stack; required, > 0). */
    public B setHiddenSize(int h) {
        hiddenSize = h;
        return self();
    }

    /** Seed of the weight initialisation (default 0). */
    public B optSeed(long s) {
        seed = s;
        return self();
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** Throws unless F was set to a positive value; {@code layer} names the layer in the message. */
    final void requireInputSize(String layer) {
        if (inputSize <= 0) throw new IllegalArgumentException(layer + ": input size (setInputSize) must be set and > 0, got " + inputSize);
    }

    /** Throws unless H was set to a positive value; {@code layer} names the layer in the message. */
    final void requireHiddenSize(String layer) {
        if (hiddenSize <= 0) throw new IllegalArgumentException(layer + ": hidden size (setHiddenSize) must be set and > 0, got " + hiddenSize);
    }

    /** {@link #requireInputSize} and {@link #requireHiddenSize}. */
    final void requireSizes(String layer) {
        requireInputSize(layer);
        requireHiddenSize(layer);
    }
}
