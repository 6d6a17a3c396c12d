package org.elman.models.speech;

import org.elman.tensor.Tensor;

/**
 * An {@link AcousticModel} that also decodes with its own label-synchronous search (an attention
 * decoder combined with the CTC branch), which a {@link Recognizer} uses in place of CTC decoding
 * when asked to ({@link Recognizer#KEY_JOINT_CTC_WEIGHT}).
 */
public interface JointDecoding {
    /**
     * @param features  one utterance {@code (T, F)}
     * @param beam      hypotheses kept per step
     * @param ctcWeight weight of the CTC prefix score in [0, 1]
     * @return the best token ids (no blank, no end symbol)
     */
    int[] decodeJoint(Tensor features, int beam, float ctcWeight);
}
