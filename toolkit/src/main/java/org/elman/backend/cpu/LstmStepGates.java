package org.elman.backend.cpu;

/**
 * The gate pre-activations (without bias) of one LSTM step, for a block of rows of the batch: the
 * two ways of making them ({@link LstmStepGemm} over an input projection made beforehand, {@link
 * LstmJointGemm} from the step's input itself) behind one call.
 */
public interface LstmStepGates extends StepProducts {
    /**
     * For rows {@code b < n}: {@code h_b W_hh^T + x_(rowOff + b) W_ih^T}, where {@code rowOff + b}
     * counts virtual rows ({@code step * N + row}, the order the caller set up); h rows at {@code
     * h[hOff + b*H]}; row b's gates go to {@code i, f, g, o} at {@code out + b*H}.
     */
    void stepGates(int n, float[] h, int hOff, int rowOff, float[] i, float[] f, float[] g, float[] o, int out);
}
