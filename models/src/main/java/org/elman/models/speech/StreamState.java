package org.elman.models.speech;

/**
 * Opaque per-batch streaming state of an {@link AcousticModel}: buffered context frames and
 * carried recurrent state. Made by {@link AcousticModel#newStream(int)}; one per group of streams.
 */
public interface StreamState {
    /** N, the number of streams this state carries. */
    int batch();

    /** True once {@link AcousticModel#finishStream} has run. */
    boolean finished();
}
