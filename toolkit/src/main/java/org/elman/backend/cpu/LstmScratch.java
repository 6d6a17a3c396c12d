package org.elman.backend.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Large off-heap float buffers for the fused LSTM's whole-sequence products (the input
 * projection, the gate gradients), kept per thread and reused from call to call. Fresh memory
 * for every call (a new Java array or a new off-heap block of tens of MB) costs page faults and
 * zeroing comparable to the products' copies themselves; a buffer kept here is already mapped.
 * Each thread keeps at most one set (the largest sizes it has needed, e.g. about 60 MB for a
 * 3-layer BiLSTM 256 at T*N = 4800; at most {@link #KEEP_LIMIT} floats), freed when the thread
 * ends. One user per thread at a time: a second {@link #acquire} on a busy thread gets a private
 * set, freed by its {@link #release}.
 */
final class LstmScratch {
    /** Slots: an operand (inputs or hidden states), the weight, the projection or gate gradients, a result. */
    static final int A = 0;
    static final int W = 1;
    static final int C = 2;
    static final int D = 3;
    private static final int SLOTS = 4;
    /** Floats a thread keeps between calls (256 MB); a larger one-off need is freed after use. */
    private static final long KEEP_LIMIT = 1L << 26;
    private static final ThreadLocal<LstmScratch> LOCAL = ThreadLocal.withInitial(() -> new LstmScratch(true));

    private final boolean shared;
    private final FloatPointer[] ptr = new FloatPointer[SLOTS];
    private final FloatBuffer[] buf = new FloatBuffer[SLOTS];
    private boolean busy;

    private LstmScratch(boolean shared) {
        this.shared = shared;
    }

    /** This thread's set, or a private one when this thread's set is in use. */
    static LstmScratch acquire() {
        LstmScratch s = LOCAL.get();
        if (s.busy) return new LstmScratch(false);
        s.busy = true;
        return s;
    }

    /** Gives the set back; a private set, or one grown past {@link #KEEP_LIMIT} floats, frees its memory. */
    void release() {
        busy = false;
        long held = 0;
        for (FloatPointer p : ptr) held += p == null ? 0 : p.capacity();
        if (shared && held <= KEEP_LIMIT) return;
        for (int i = 0; i < SLOTS; i++) {
            if (ptr[i] != null) ptr[i].close();
            ptr[i] = null;
            buf[i] = null;
        }
    }

    /** Slot {@code slot} with room for at least {@code len} floats, positioned at 0 (contents undefined). */
    FloatPointer floats(int slot, long len) {
        if (ptr[slot] == null || ptr[slot].capacity() < len) {
            if (ptr[slot] != null) ptr[slot].close();
            ptr[slot] = new FloatPointer(Math.max(len, 1024));
            buf[slot] = ptr[slot].asBuffer();
        }
        return ptr[slot].position(0);
    }

    /** A direct view of slot {@code slot} (after {@link #floats}), cleared: bulk put/get copy only the given region. */
    FloatBuffer buffer(int slot) {
        return buf[slot].clear();
    }
}
