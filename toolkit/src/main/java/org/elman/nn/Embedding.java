package org.elman.nn;

import java.util.Arrays;
import java.util.Random;
import org.elman.autograd.Graph;
import org.elman.ops.Reshape;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * Lookup table: index i gives row i of the weight {@code (V, D)}. Indices of any shape
 * {@code (...)} give embeddings {@code (..., D)}.
 *
 * <p>Initialisation as PyTorch: {@code N(0, 1)}. With a padding index p, row p starts at zero and
 * never receives a gradient, so it stays as loaded (the output at padded positions is that row).
 *
 * <pre>{@code
 * Embedding emb = Embedding.builder().setNumEmbeddings(100).setDim(32).optPaddingIndex(0).build();
 * Tensor e = emb.forward(tokens, T, N);   // int[T*N] -> (T, N, 32)
 * }</pre>
 */
public final class Embedding extends Module {
    private final Tensor weight;
    private final int paddingIndex;

    private Embedding(Builder b) {
        weight = Tensor.randn(b.rng, b.num, b.dim);
        paddingIndex = b.paddingIndex;
        if (paddingIndex >= 0) Arrays.fill(weight.data(), paddingIndex * b.dim, (paddingIndex + 1) * b.dim, 0f);
        param("weight", weight);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param indices row indices, each in {@code [0, V)}, row-major over {@code shape}
     * @param shape   the shape of the index array (its element count must be {@code indices.length});
     *                empty means a 1-d array
     */
    public Tensor forward(int[] indices, int... shape) {
        int[] idxShape = shape.length == 0 ? new int[] {indices.length} : shape;
        if (Shapes.numel(idxShape) != indices.length) {
            throw new IllegalArgumentException("embedding: " + indices.length + " indices do not fill shape " + Shapes.str(idxShape));
        }
        int[] outShape = Arrays.copyOf(idxShape, idxShape.length + 1);
        outShape[idxShape.length] = dim();
        if (paddingIndex < 0) return Reshape.reshape(Reshape.indexSelect(weight, indices), outShape);
        Tensor rows;
        try (var s = org.elman.autograd.GradMode.noGrad()) {
            rows = Reshape.indexSelect(weight, indices);
        }
        int[] idx = indices.clone();
        int d = dim();
        Tensor out = Tensor.wrap(rows.data(), 0, outShape);
        return Graph.record1("embedding", out, g -> {
            Tensor gw = Tensor.zeros(weight.shape());
            float[] gd = g[0].data();
            int go = g[0].offset();
            for (int r = 0; r < idx.length; r++) {
                if (idx[r] == paddingIndex) continue;
                for (int j = 0; j < d; j++) gw.data()[idx[r] * d + j] += gd[go + r * d + j];
            }
            return new Tensor[] {gw};
        }, weight);
    }

    /** The {@code (V, D)} table. */
    public Tensor weight() {
        return weight;
    }

    public int dim() {
        return weight.size(1);
    }

    public int numEmbeddings() {
        return weight.size(0);
    }

    /** The padding index, or -1 when none. */
    public int paddingIndex() {
        return paddingIndex;
    }

    /** Settings of an {@link Embedding}; the table size and the dimension are required. */
    public static final class Builder {
        private int num = -1;
        private int dim = -1;
        private int paddingIndex = -1;
        private Random rng = new Random(0);

        public Builder setNumEmbeddings(int num) {
            this.num = num;
            return this;
        }

        public Builder setDim(int dim) {
            this.dim = dim;
            return this;
        }

        /** A row that stays zero-initialised and gets no gradient (e.g. a padding token). */
        public Builder optPaddingIndex(int index) {
            if (index < 0) throw new IllegalArgumentException("padding index must be >= 0, got " + index);
            this.paddingIndex = index;
            return this;
        }

        public Builder optRandom(Random rng) {
            this.rng = Builders.notNull(rng, "random source");
            return this;
        }

        public Embedding build() {
            Builders.positive(num, "Embedding table size (setNumEmbeddings)");
            Builders.positive(dim, "Embedding dimension (setDim)");
            if (paddingIndex >= num) throw new IllegalArgumentException("padding index " + paddingIndex + " out of range for " + num + " embeddings");
            return new Embedding(this);
        }
    }
}
