package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class LstmScratchTest {
    @Test
    void aBusySetIsNotHandedOutTwiceAndAReleasedOneIsReused() {
        LstmScratch a = LstmScratch.acquire();
        FloatPointer p = a.floats(LstmScratch.C, 5000);
        assertTrue(p.capacity() >= 5000);
        assertEquals(0, p.position());
        a.buffer(LstmScratch.C).put(new float[] {1, 2, 3});
        LstmScratch nested = LstmScratch.acquire();
        assertNotSame(a, nested, "a busy set is not handed out twice");
        nested.floats(LstmScratch.C, 10).put(0, 7f);
        assertEquals(1f, p.get(0), "the other set does not touch this one");
        nested.release();
        a.release();
        LstmScratch again = LstmScratch.acquire();
        assertSame(a, again, "the most recently released set is handed out first");
        assertSame(p, again.floats(LstmScratch.C, 4000), "a smaller need keeps the buffer");
        FloatBuffer b = again.buffer(LstmScratch.C);
        assertEquals(0, b.position());
        assertEquals(3f, b.get(2), "contents survive between users");
        again.release();
    }

    /** Any pool thread may run a layer's direction, so sets are shared between threads, not kept per thread. */
    @Test
    void aSetReleasedOnAnotherThreadIsReusedHere() throws InterruptedException {
        AtomicReference<LstmScratch> theirs = new AtomicReference<>();
        Thread t = new Thread(() -> {
            LstmScratch s = LstmScratch.acquire();
            s.floats(LstmScratch.A, 2048);
            theirs.set(s);
            s.release();
        });
        t.start();
        t.join();
        LstmScratch mine = LstmScratch.acquire();
        try {
            assertSame(theirs.get(), mine);
        } finally {
            mine.release();
        }
    }

    @Test
    void idleMemoryIsCountedAndADoubleReleaseIsAnError() {
        LstmScratch s = LstmScratch.acquire();
        s.floats(LstmScratch.D, 3000);
        long before = LstmScratch.idleFloats();
        s.release();
        assertTrue(LstmScratch.idleFloats() >= before + 3000, "a released set counts as idle");
        IllegalStateException e = assertThrows(IllegalStateException.class, s::release);
        assertTrue(e.getMessage().contains("released twice"), e.getMessage());
        LstmScratch back = LstmScratch.acquire();
        assertSame(s, back);
        assertEquals(before, LstmScratch.idleFloats(), "a handed-out set no longer counts as idle");
        back.release();
    }
}
