package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BatchDecodeTest {
    @Test
    void eachStreamDecodesAsOnItsOwn() {
        TokenTable tokens = TokenTable.characters("abc");
        int frames = 20;
        int batch = 5;
        int[] lengths = {20, 3, 0, 17, 11};
        Tensor x = Tensor.zeros(frames, batch, 5);
        Tensor[] single = new Tensor[batch];
        for (int n = 0; n < batch; n++) {
            single[n] = Frames.random(new Random(n), lengths[n], 5, 2.0);
            for (int t = 0; t < lengths[n]; t++) {
                for (int v = 0; v < 5; v++) x.set(single[n].get(t, v), t, n, v);
            }
        }
        BeamSearchDecoder beam = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(4).optNBest(2).build();
        GreedyDecoder greedy = new GreedyDecoder(tokens);
        List<List<Hypothesis>> b = BatchDecode.beam(beam, x, lengths);
        List<Hypothesis> g = BatchDecode.greedy(greedy, x, lengths);
        for (int n = 0; n < batch; n++) {
            List<Hypothesis> expect = beam.decode(FrameSource.of(single[n]));
            assertEquals(expect.size(), b.get(n).size());
            for (int i = 0; i < expect.size(); i++) {
                assertArrayEquals(expect.get(i).tokens(), b.get(n).get(i).tokens());
                assertEquals(expect.get(i).score(), b.get(n).get(i).score(), 0.0);
            }
            assertArrayEquals(greedy.decode(FrameSource.of(single[n])).tokens(), g.get(n).tokens());
        }
        assertThrows(IllegalArgumentException.class, () -> BatchDecode.greedy(greedy, x, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> BatchDecode.greedy(greedy, x, new int[] {1, 2, 3, 4, 21}));
    }
}
