package org.elman.nn.rnn;

/**
 * The builder of a fused recurrent layer ({@link Lstm}, {@link Gru}) that can also build a stack
 * of them: {@link #build()} makes one direction of one layer, {@link #buildStack()} makes {@code
 * optLayers} layers, each {@link Bidirectional} when asked, in a {@link Stacked}. Layer k of the
 * stack is seeded with {@code seed + 2k} (its backward direction with {@code seed + 2k + 1}), so
 * every layer and direction starts from its own weights.
 *
 * @param <B> the concrete builder
 * @param <L> the layer it builds
 */
public abstract class RnnStackBuilder<B extends RnnStackBuilder<B, L>, L extends Recurrent> extends RnnBuilder<B> {
    boolean reference;
    private int layers = 1;
    private boolean bidirectional;
    private float dropout;

    RnnStackBuilder() {}

    /** Runs the composed cell-by-cell reference instead of the fused kernels. */
    public B optReference(boolean on) {
        reference = on;
        return self();
    }

    /** Number of stacked layers for {@link #buildStack()} (default 1). */
    public B optLayers(int n) {
        layers = n;
        return self();
    }

    /** Bidirectional layers for {@link #buildStack()}: output size 2H. */
    public B optBidirectional(boolean on) {
        bidirectional = on;
        return self();
    }

    /** Dropout probability between stacked layers in training mode (default 0). */
    public B optDropout(float prob) {
        dropout = prob;
        return self();
    }

    /** The layer's name for error messages. */
    abstract String layerName();

    /** One direction of one layer with input size {@code in}, initialised from {@code layerSeed}. */
    abstract L layer(int in, long layerSeed);

    private void validate() {
        requireSizes(layerName());
        if (layers <= 0) throw new IllegalArgumentException(layerName() + ": layers must be positive, got " + layers);
    }

    /** One single-direction layer; use {@link #buildStack()} for layers > 1 or bidirectional. */
    public L build() {
        validate();
        if (layers != 1 || bidirectional) {
            throw new IllegalArgumentException(layerName() + ": build() makes one direction of one layer; use buildStack() for layers="
                    + layers + ", bidirectional=" + bidirectional);
        }
        return layer(inputSize, seed);
    }

    /** {@code layers} layers (each {@link Bidirectional} when asked) in a {@link Stacked}. */
    public Stacked buildStack() {
        validate();
        Stacked.Builder sb = Stacked.builder().optDropout(dropout).optSeed(seed);
        int in = inputSize;
        for (int k = 0; k < layers; k++) {
            long s = seed + 2L * k;
            sb.addLayer(bidirectional ? new Bidirectional(layer(in, s), layer(in, s + 1)) : layer(in, s));
            in = bidirectional ? 2 * hiddenSize : hiddenSize;
        }
        return sb.build();
    }
}
