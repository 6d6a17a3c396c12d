package org.elman.models.speech;

import java.util.Random;
import org.elman.nn.Conv2d;
import org.elman.nn.Module;
import org.elman.ops.Unary;
import org.elman.tensor.Tensor;

/**
 * Deep Speech 2's convolutional front end, reduced to two layers: the features are an image
 * {@code (N, 1, T, F)}; two 3x3 convolutions with stride 2 on both axes and padding 1, each
 * followed by ReLU, give {@code (N, C, T'', F'')}, which is read back as a sequence
 * {@code (T'', N, C F'')} with {@code T'' = ceil(ceil(T / 2) / 2)} (time subsampling 4).
 *
 * <p>Padded frames are zeroed before each convolution, so a sequence in a padded batch gets the
 * output it gets alone. Deviations from Amodei et al. 2016: ReLU instead of clipped ReLU, no batch
 * norm, 3x3 kernels rather than 41x11 / 21x11.
 */
final class Conv2dFront extends Module {
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final int channels;
    private final int inputDim;

    Conv2dFront(int inputDim, int channels, Random rng) {
        this.inputDim = inputDim;
        this.channels = channels;
        conv1 = child("conv1", Conv2d.builder().setInChannels(1).setOutChannels(channels).setKernelSize(3)
                .optStride(2).optPadding(1).optRandom(rng).build());
        conv2 = child("conv2", Conv2d.builder().setInChannels(channels).setOutChannels(channels).setKernelSize(3)
                .optStride(2).optPadding(1).optRandom(rng).build());
    }

    static int half(int t) {
        return (t + 1) / 2;
    }

    /** Features per output frame: {@code C ceil(ceil(F / 2) / 2)}. */
    int outputDim() {
        return channels * half(half(inputDim));
    }

    /** {@code (T, N, F)} with lengths to {@code (T'', N, C F'')}; lengths are updated in place. */
    Tensor forward(Tensor x, int[] lengths) {
        int t = x.size(0);
        int n = x.size(1);
        Tensor masked = x.mul(Frames.mask(t, lengths).reshape(t, n, 1));
        Tensor img = masked.permute(1, 0, 2).reshape(n, 1, t, inputDim);
        Tensor y = Unary.relu(conv1.forward(img));
        for (int i = 0; i < n; i++) lengths[i] = half(lengths[i]);
        y = y.mul(imageMask(y.size(2), lengths));
        y = Unary.relu(conv2.forward(y));
        for (int i = 0; i < n; i++) lengths[i] = half(lengths[i]);
        int t2 = y.size(2);
        return y.permute(2, 0, 1, 3).reshape(t2, n, channels * y.size(3));
    }

    private static Tensor imageMask(int t, int[] lengths) {
        int n = lengths.length;
        float[] m = new float[n * t];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < t; j++) m[b * t + j] = j < lengths[b] ? 1f : 0f;
        }
        return Tensor.of(m, n, 1, t, 1);
    }
}
