package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class LstmScratchTest {
    @Test
    void threadKeepsItsSetAndANestedUserGetsAPrivateOne() {
        LstmScratch a = LstmScratch.acquire();
        FloatPointer p = a.floats(LstmScratch.C, 5000);
        assertTrue(p.capacity() >= 5000);
        assertEquals(0, p.position());
        a.buffer(LstmScratch.C).put(new float[] {1, 2, 3});
        LstmScratch nested = LstmScratch.acquire();
        assertNotSame(a, nested, "a busy set is not handed out twice");
        nested.floats(LstmScratch.C, 10).put(0, 7f);
        assertEquals(1f, p.get(0), "the private set does not touch the thread's set");
        nested.release();
        a.release();
        LstmScratch again = LstmScratch.acquire();
        assertSame(a, again, "the thread's set is reused");
        assertSame(p, again.floats(LstmScratch.C, 4000), "a smaller need keeps the buffer");
        FloatBuffer b = again.buffer(LstmScratch.C);
        assertEquals(0, b.position());
        assertEquals(3f, b.get(2), "contents survive between users");
        again.release();
    }
}
