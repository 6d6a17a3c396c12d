package org.elman.nn.rnn;

import java.util.function.IntFunction;
import org.elman.nn.Module;
import org.elman.ops.Reshape;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * One ReNet layer (Visin et al. 2015, "ReNet", the building block of ReSeg, Visin et al. 2015):
 * recurrent sweeps over an image instead of convolutions.
 *
 * <pre>
 *   p[i, j]  = flatten(x[:, :, i*pH:(i+1)*pH, j*pW:(j+1)*pW])         patch (C*pH*pW) of grid cell (i, j)
 *   r[i, j]  = [ rowFwd(p[i, 0..j]) ; rowBwd(p[i, J-1..j]) ]          each row of the grid, both ways
 *   out[i, j] = [ colFwd(r[0..i, j]) ; colBwd(r[I-1..i, j]) ]         each column of r, both ways
 * </pre>
 *
 * Shapes (here H and W are the image height and width, H2 the hidden size of each unit): input
 * {@code (N, C, H, W)} with H divisible by pH and W by pW; grid {@code I = H / pH},
 * {@code J = W / pW}; output {@code (N, D, I, J)} with {@code D = 2 * H2} for the default unit
 * (in general the sum of the two column units' output sizes). The row sweeps see sequences of
 * length J in a batch of {@code N * I}, the column sweeps length I in a batch of {@code N * J}.
 * Four independent recurrent units, made by a pluggable factory from their input size (default
 * a tanh {@link SimpleRnn}), registered as children {@code row_fwd}, {@code row_bwd}, {@code
 * col_fwd}, {@code col_bwd}. The backward sweeps reverse the sequence, run the unit, and reverse
 * its output back. Layers stack: the next layer's input channels are {@link #outputChannels()}.
 *
 * <p>Deviations from the papers: ReNet/ReSeg use GRU or LSTM units (pass a factory making one);
 * the default is a tanh SimpleRnn. The two horizontal units' sizes may differ, as may the
 * vertical ones. No upsampling (ReSeg's transposed convolutions) is part of this layer.
 *
 * <pre>{@code
 * SpatialRnn renet = SpatialRnn.builder().setInputChannels(3).setPatchSize(2, 2).setHiddenSize(16).build();
 * Tensor features = renet.forward(images);   // (N, 3, 32, 32) -> (N, 32, 16, 16)
 * }</pre>
 */
public final class SpatialRnn extends Module {
    private final int channels;
    private final int patchH;
    private final int patchW;
    private final Recurrent rowFwd;
    private final Recurrent rowBwd;
    private final Recurrent colFwd;
    private final Recurrent colBwd;

    private SpatialRnn(Builder b) {
        channels = b.channels;
        patchH = b.patchH;
        patchW = b.patchW;
        int patchSize = channels * patchH * patchW;
        rowFwd = register("row_fwd", b.unit(patchSize));
        rowBwd = register("row_bwd", b.unit(patchSize));
        int rowOut = rowFwd.outputSize() + rowBwd.outputSize();
        colFwd = register("col_fwd", b.unit(rowOut));
        colBwd = register("col_bwd", b.unit(rowOut));
    }

    private Recurrent register(String name, Recurrent unit) {
        if (!(unit instanceof Module m)) {
            throw new IllegalArgumentException("SpatialRnn: unit '" + name + "' must be a Module so its parameters are registered, got "
                    + (unit == null ? "null" : unit.getClass().getName()));
        }
        child(name, m);
        return unit;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code (N, C, H, W) -> (N, D, H / pH, W / pW)}. */
    public Tensor forward(Tensor image) {
        int[] s = checkImage(image);
        int n = s[0];
        int gi = s[2] / patchH;
        int gj = s[3] / patchW;
        Tensor grid = image.reshape(n, channels, gi, patchH, gj, patchW).permute(4, 0, 2, 1, 3, 5);
        Tensor rows = grid.reshape(gj, n * gi, channels * patchH * patchW);
        Tensor r = sweep(rowFwd, rowBwd, rows);
        int d1 = r.size(2);
        Tensor cols = r.reshape(gj, n, gi, d1).permute(2, 1, 0, 3).reshape(gi, n * gj, d1);
        Tensor c = sweep(colFwd, colBwd, cols);
        int d2 = c.size(2);
        return c.reshape(gi, n, gj, d2).permute(1, 3, 0, 2);
    }

    private int[] checkImage(Tensor image) {
        int[] s = image.shape();
        if (s.length != 4) throw new IllegalArgumentException("SpatialRnn: input must be (N, C, H, W), got shape " + Shapes.str(s));
        if (s[1] != channels) throw new IllegalArgumentException("SpatialRnn: input has C = " + s[1] + " channels, layer expects " + channels);
        if (s[2] % patchH != 0 || s[3] % patchW != 0) {
            throw new IllegalArgumentException("SpatialRnn: image " + s[2] + "x" + s[3] + " is not divisible into "
                    + patchH + "x" + patchW + " patches");
        }
        return s;
    }

    /** Both directions over {@code seq (T, B, F)}, concatenated on the feature axis. */
    private static Tensor sweep(Recurrent fwd, Recurrent bwd, Tensor seq) {
        Tensor ahead = fwd.forward(seq).output();
        Tensor back = ElmanLoop.reverse(bwd.forward(ElmanLoop.reverse(seq, null)).output(), null);
        return Reshape.concat(2, ahead, back);
    }

    /** D, the channels of the output: the input channels of a ReNet layer stacked on this one. */
    public int outputChannels() {
        return colFwd.outputSize() + colBwd.outputSize();
    }

    /** Settings for {@link SpatialRnn}; {@code setX} are required, {@code optX} optional. */
    public static final class Builder {
        private int channels = -1;
        private int patchH = -1;
        private int patchW = -1;
        private int hiddenSize = -1;
        private IntFunction<Recurrent> unitFactory;
        private long seed = 0;
        private int made;

        private Builder() {}

        /** C (required, > 0). */
        public Builder setInputChannels(int c) {
            channels = c;
            return this;
        }

        /** Patch height pH and width pW (required, > 0). */
        public Builder setPatchSize(int ph, int pw) {
            patchH = ph;
            patchW = pw;
            return this;
        }

        /** H2, hidden units of each default unit (required unless {@link #optUnit} is given). */
        public Builder setHiddenSize(int h) {
            hiddenSize = h;
            return this;
        }

        /** Makes a recurrent unit (a {@link Module}) for a given input size; called four times. */
        public Builder optUnit(IntFunction<Recurrent> factory) {
            unitFactory = factory;
            return this;
        }

        /** Seed of the default units' initialisation, each unit offset by its index (default 0). */
        public Builder optSeed(long s) {
            seed = s;
            return this;
        }

        private Recurrent unit(int inputSize) {
            if (unitFactory != null) return unitFactory.apply(inputSize);
            return SimpleRnn.builder().setInputSize(inputSize).setHiddenSize(hiddenSize).optSeed(seed + made++).build();
        }

        public SpatialRnn build() {
            if (channels <= 0) throw new IllegalArgumentException("SpatialRnn: input channels must be set and > 0, got " + channels);
            if (patchH <= 0 || patchW <= 0) {
                throw new IllegalArgumentException("SpatialRnn: patch size must be set and > 0, got " + patchH + "x" + patchW);
            }
            if (unitFactory == null && hiddenSize <= 0) {
                throw new IllegalArgumentException("SpatialRnn: hidden size must be set and > 0 (or give optUnit), got " + hiddenSize);
            }
            made = 0;
            return new SpatialRnn(this);
        }
    }
}
