package org.elman.models.speech;

import java.util.List;
import org.elman.ctc.CtcLoss;
import org.elman.ctc.CtcOptions;
import org.elman.optim.GradClip;
import org.elman.optim.Optimizer;
import org.elman.tensor.Tensor;

/**
 * One CTC training step for an {@link AcousticModel}: forward, CTC loss (mean over the batch of
 * each sequence's loss divided by its target length, as PyTorch's {@code reduction='mean'}),
 * backward, global gradient-norm clipping, optimiser step. The full training pipeline (data
 * loading, schedules, checkpoints) lives elsewhere; this is the inner step it and the tests share.
 */
public final class CtcTrainer {
    private final AcousticModel model;
    private final Optimizer optimizer;
    private final double clipNorm;
    private final CtcOptions options = CtcOptions.builder().optBlank(0).optZeroInfinity(true)
            .optInput(CtcOptions.Input.LOG_PROBS).optReduction(CtcOptions.Reduction.MEAN).build();

    /**
     * @param clipNorm maximum global gradient norm ({@code <= 0} for no clipping)
     */
    public CtcTrainer(AcousticModel model, Optimizer optimizer, double clipNorm) {
        if (model == null || optimizer == null) throw new IllegalArgumentException("CtcTrainer needs a model and an optimizer");
        this.model = model;
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
    }

    /**
     * @param features {@code (T, N, F)} padded batch
     * @param lengths  frames per sequence
     * @param targets  token ids per sequence (no blanks)
     * @return the loss before the update
     */
    public double step(Tensor features, int[] lengths, int[][] targets) {
        model.module().train();
        optimizer.zeroGrad();
        AcousticOutput out = model.forward(features, lengths);
        int[] targetLengths = new int[targets.length];
        for (int i = 0; i < targets.length; i++) targetLengths[i] = targets[i].length;
        Tensor loss = CtcLoss.loss(out.logProbs(), out.lengths(), targets, targetLengths, options);
        loss.backward();
        List<Tensor> params = model.parameters();
        if (clipNorm > 0) GradClip.byNorm(params, clipNorm);
        optimizer.step();
        return loss.item();
    }
}
