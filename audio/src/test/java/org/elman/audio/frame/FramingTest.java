package org.elman.audio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FramingTest {
    @Test
    void snipEdgesCountsOnlyWholeFrames() {
        Framing f = new Framing(400, 160, true);
        assertEquals(0, f.numFrames(399, true));
        assertEquals(1, f.numFrames(400, true));
        assertEquals(1, f.numFrames(559, true));
        assertEquals(2, f.numFrames(560, true));
        assertEquals(98, f.numFrames(16000, true));
        assertEquals(320, f.firstSample(2));
    }

    @Test
    void centredFramesMirrorEdges() {
        Framing f = new Framing(400, 160, false);
        assertEquals(100, f.numFrames(16000, true));
        assertEquals(-120, f.firstSample(0));
        // unfinished: only frames whose samples have all arrived
        assertEquals(0, f.numFrames(279, false));
        assertEquals(1, f.numFrames(280, false));
        assertEquals(0, Framing.reflect(-1, 10));
        assertEquals(9, Framing.reflect(10, 10));
        assertEquals(2, Framing.reflect(-3, 10));
        assertEquals(1, Framing.reflect(-3, 2));
    }

    @Test
    void windowsHaveKaldiValues() {
        double[] hann = WindowType.HANN.coefficients(5);
        assertArrayEquals(new double[] {0, 0.5, 1, 0.5, 0}, hann, 1e-12);
        double[] hamming = WindowType.HAMMING.coefficients(5);
        assertEquals(0.08, hamming[0], 1e-12);
        assertEquals(1.0, hamming[2], 1e-12);
        assertEquals(Math.pow(0.5, 0.85), WindowType.POVEY.coefficients(5)[1], 1e-12);
        assertEquals(1.0, WindowType.RECTANGULAR.coefficients(3)[0]);
        assertThrows(IllegalArgumentException.class, () -> new Framing(1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new Framing(400, 0, true));
    }
}
