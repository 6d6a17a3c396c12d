package org.elman.ctc;

/**
 * Chooses the kernel for one sequence: the scaled linear-space kernel ({@link ScaledCtcKernel}) unless
 * the options ask for the reference, with an automatic fall back to the log-space kernel
 * ({@link LogSpaceCtcKernel}) for sequences the fast kernel cannot compute to full accuracy.
 * Empty inputs and targets that cannot fit their frames go straight to the reference, whose
 * semantics (loss {@code +inf}, zero gradient) they keep.
 */
final class CtcKernel {
    private CtcKernel() {}

    /** Where one sequence lives in the {@code (T, N, V)} input and gradient arrays. */
    record Slice(float[] in, int inOffset, float[] grad, int gradOffset, int rowStride, int vocab) {}

    /** {@code -log p(target | input)} of one sequence; writes its gradient into frames {@code [0, frames)} when asked. */
    static double run(Slice x, int frames, int[] target, int targetLen, int blank, boolean logits,
                      boolean gradients, CtcOptions.Kernel kernel, CtcWorkspace.Scratch w) {
        if (kernel == CtcOptions.Kernel.SCALED_LINEAR && fits(frames, target, targetLen)) {
            double nll = ScaledCtcKernel.run(x, frames, target, targetLen, blank, logits, gradients, w);
            if (!Double.isNaN(nll)) return nll;
            w.fallbacks++;
        }
        return LogSpaceCtcKernel.run(x, frames, target, targetLen, blank, logits, gradients, w);
    }

    /** Whether some alignment exists: at least one frame per label plus one per adjacent repeat. */
    static boolean fits(int frames, int[] target, int targetLen) {
        int needed = targetLen;
        for (int i = 1; i < targetLen; i++) if (target[i] == target[i - 1]) needed++;
        return frames > 0 && frames >= needed;
    }
}
