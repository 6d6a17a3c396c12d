package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The prefix tree of a stream stays bounded however long the stream runs. */
class BeamSearchTreeTest {
    @Test
    void treeHoldsOnlyLiveBeamsTheirAncestorsAndCachedChildren() {
        TokenTable tokens = TokenTable.characters("abcdefg");
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(8)
                .optWordLm(BeamSearchDecoderTest.WORD_LM, 0.5, 1.0).build();
        BeamStream s = d.newStream();
        Random rng = new Random(11);
        int largest = 0;
        for (int chunk = 0; chunk < 200; chunk++) {
            Tensor x = Frames.random(rng, 50, tokens.size(), 2.0);
            d.accept(s, FrameSource.of(x));
            int pathNodes = 0;
            for (BeamStream.Beam b : s.beams) pathNodes += b.prefix.length;
            int bound = 1 + pathNodes + s.beams.size() * tokens.size();
            int size = s.treeSize();
            assertTrue(size <= bound, "after " + s.framesSeen() + " frames the tree holds " + size + " prefixes, more than " + bound);
            largest = Math.max(largest, size);
        }
        assertTrue(largest > 8, "the test should reach a real tree, largest " + largest);
    }
}
