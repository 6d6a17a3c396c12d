package org.elman.backend.cpu;

/**
 * The per-step products of a recurrent layer over weights staged once ({@link RnnKernelsGemm},
 * {@link LstmStepGemm}); {@link #close()} frees their native memory and throws nothing checked, so
 * code generic over both (the batch parts of a step loop) can close them in try-with-resources.
 */
public interface StepProducts extends AutoCloseable {
    @Override
    void close();
}
