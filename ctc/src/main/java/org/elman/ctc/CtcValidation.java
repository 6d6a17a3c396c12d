package org.elman.ctc;

import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/** Argument checks of {@link CtcLoss}, each failure naming the problem. */
final class CtcValidation {
    private CtcValidation() {}

    static void check(Tensor input, int[] inputLengths, int[][] targets, int[] targetLengths, CtcOptions options) {
        if (input == null) throw new IllegalArgumentException("CTC input must not be null");
        if (options == null) throw new IllegalArgumentException("CTC options must not be null");
        if (input.dim() != 3) {
            throw new IllegalArgumentException("CTC input must be (T, N, V), got shape " + Shapes.str(input.shape()));
        }
        int frames = input.size(0);
        int batch = input.size(1);
        int vocab = input.size(2);
        if (options.blank() >= vocab) {
            throw new IllegalArgumentException("blank index " + options.blank() + " is outside the vocabulary of " + vocab);
        }
        requireLength("input lengths", inputLengths, batch);
        requireLength("target lengths", targetLengths, batch);
        if (targets == null || targets.length != batch) {
            throw new IllegalArgumentException("targets must have " + batch + " rows, got " + (targets == null ? "null" : targets.length));
        }
        for (int n = 0; n < batch; n++) {
            if (inputLengths[n] < 0 || inputLengths[n] > frames) {
                throw new IllegalArgumentException("input length " + inputLengths[n] + " of sequence " + n + " is outside [0, " + frames + "]");
            }
            checkTarget(n, targets[n], targetLengths[n], vocab, options.blank());
        }
    }

    private static void requireLength(String what, int[] a, int batch) {
        if (a == null || a.length != batch) {
            throw new IllegalArgumentException(what + " must have " + batch + " entries, got " + (a == null ? "null" : a.length));
        }
    }

    private static void checkTarget(int n, int[] target, int len, int vocab, int blank) {
        if (len < 0) throw new IllegalArgumentException("target length of sequence " + n + " is negative: " + len);
        if (target == null || target.length < len) {
            throw new IllegalArgumentException("target " + n + " has " + (target == null ? 0 : target.length)
                    + " labels, fewer than its length " + len);
        }
        for (int i = 0; i < len; i++) {
            int label = target[i];
            if (label < 0 || label >= vocab) {
                throw new IllegalArgumentException("label " + label + " at position " + i + " of target " + n + " is outside [0, " + vocab + ")");
            }
            if (label == blank) {
                throw new IllegalArgumentException("target " + n + " contains the blank index " + blank + " at position " + i);
            }
        }
    }
}
