package org.elman.backend.cpu;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Large off-heap float buffers for the fused LSTM's whole-sequence products (the input
 * projection, the gate gradients), reused from call to call. Fresh memory for every call (a new
 * Java array or a new off-heap block of tens of MB) costs page faults and zeroing comparable to
 * the products' copies themselves; a buffer kept here is already mapped. Released sets wait in
 * one pool shared by all threads (at most {@link #IDLE_LIMIT} floats in all, about 60 MB per set
 * for a 3-layer BiLSTM 256 at T*N = 4800), so the memory kept follows how many sets are in use at
 * once, not how many threads have ever used one (with nested parallelism any pool thread may run
 * a direction of a layer). A set is used by one caller at a time.
 */
final class LstmScratch {
    /** Slots: an operand (inputs or hidden states), the weight, the projection or gate gradients, a result. */
    static final int A = 0;
    static final int W = 1;
    static final int C = 2;
    static final int D = 3;
    private static final int SLOTS = 4;
    /**
     * Floats that idle sets may hold together (512 MB, what two threads could keep when each kept its
     * own set of up to 256 MB); a set that does not fit is freed on release.
     */
    static final long IDLE_LIMIT = 1L << 27;
    /** Idle sets, the most recently released last. */
    private static final ArrayDeque<LstmScratch> IDLE = new ArrayDeque<>();
    private static long idleFloats;

    private final FloatPointer[] ptr = new FloatPointer[SLOTS];
    private final FloatBuffer[] buf = new FloatBuffer[SLOTS];
    private boolean busy;

    private LstmScratch() {}

    /** An idle set (the most recently released), or a new empty one. */
    static LstmScratch acquire() {
        LstmScratch s;
        synchronized (IDLE) {
            s = IDLE.pollLast();
            if (s != null) idleFloats -= s.held();
        }
        if (s == null) s = new LstmScratch();
        s.busy = true;
        return s;
    }

    /** Gives the set back: kept for the next caller while the idle sets fit {@link #IDLE_LIMIT}, freed otherwise. */
    void release() {
        if (!busy) throw new IllegalStateException("LstmScratch: released twice");
        busy = false;
        long held = held();
        synchronized (IDLE) {
            if (idleFloats + held <= IDLE_LIMIT) {
                IDLE.addLast(this);
                idleFloats += held;
                return;
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            if (ptr[i] != null) ptr[i].close();
            ptr[i] = null;
            buf[i] = null;
        }
    }

    /** Floats this set holds. */
    private long held() {
        long n = 0;
        for (FloatPointer p : ptr) n += p == null ? 0 : p.capacity();
        return n;
    }

    /** Floats held by idle sets now. */
    static long idleFloats() {
        synchronized (IDLE) {
            return idleFloats;
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
