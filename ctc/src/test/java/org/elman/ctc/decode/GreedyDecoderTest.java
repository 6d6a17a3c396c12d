package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GreedyDecoderTest {
    private final TokenTable tokens = TokenTable.characters("ab");  // <b>=0 |=1 a=2 b=3

    @Test
    void collapsesRepeatsDropsBlanksAndStampsFrames() {
        // argmax path: a a _ a b b | _ b
        int[] path = {2, 2, 0, 2, 3, 3, 1, 0, 3};
        double[][] script = new double[path.length][];
        for (int t = 0; t < path.length; t++) script[t] = new double[] {path[t], 0.7};
        Tensor x = Frames.scripted(4, script);
        Hypothesis h = new GreedyDecoder(tokens).decode(FrameSource.of(x));
        assertArrayEquals(new int[] {2, 2, 3, 1, 3}, h.tokens());
        assertArrayEquals(new int[] {0, 3, 4, 6, 8}, h.frames());
        assertEquals("aab b", h.text());
        assertEquals(path.length * Math.log(0.7), h.score(), 1e-4);
        GreedyDecoder d = new GreedyDecoder(tokens);
        GreedyDecoder.State s = d.newState();
        d.accept(s, FrameSource.of(x).slice(0, 2));
        assertEquals(0, s.trailingBlankFrames());
        d.accept(s, FrameSource.of(x).slice(2, 1));
        assertEquals(1, s.trailingBlankFrames());
        d.accept(s, FrameSource.of(x).slice(3, 5));
        assertEquals(1, s.trailingBlankFrames());
        d.accept(s, FrameSource.of(x).slice(8, 1));
        assertEquals(0, s.trailingBlankFrames());
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        Tensor x = Frames.random(new Random(1), 50, 4, 2.0);
        GreedyDecoder d = new GreedyDecoder(tokens);
        Hypothesis whole = d.decode(FrameSource.of(x));
        for (int chunk : new int[] {1, 7, 13}) {
            GreedyDecoder.State s = d.newState();
            for (int t = 0; t < 50; t += chunk) d.accept(s, FrameSource.of(x).slice(t, Math.min(chunk, 50 - t)));
            Hypothesis h = d.result(s);
            assertArrayEquals(whole.tokens(), h.tokens());
            assertArrayEquals(whole.frames(), h.frames());
        }
    }

    @Test
    void batchedInputAndErrors() {
        Tensor batch = Tensor.zeros(3, 2, 4);
        batch.set(5f, 1, 1, 2);
        Hypothesis h = new GreedyDecoder(tokens).decode(FrameSource.of(batch, 1, 3));
        assertArrayEquals(new int[] {2}, h.tokens());
        assertArrayEquals(new int[] {1}, h.frames());
        assertEquals("", new GreedyDecoder(tokens).decode(FrameSource.of(Tensor.zeros(0, 4))).text());
        assertThrows(IllegalArgumentException.class, () -> new GreedyDecoder(tokens).decode(FrameSource.of(Tensor.zeros(3, 5))));
        assertThrows(IllegalArgumentException.class, () -> FrameSource.of(Tensor.zeros(3, 2, 4), 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokens.encode("abc"));
        assertEquals("'abc': no token for 'c' at position 2", e.getMessage());
        assertArrayEquals(new int[] {2, 1, 3}, tokens.encode("a  b "));
    }
}
