package org.elman.ctc.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /**
     * With a token threshold, a beam whose only passing token is its own last one (entered this
     * frame, so without blank mass) extends by nothing and can still be pruned: pruning must cope
     * with prefixes that never had children (this threw a NullPointerException once).
     */
    @Test
    void beamsWithoutChildrenArePrunedToo() {
        Prefix childless = new Prefix(null, -1, 0);
        childless.forgetChildren(1);
        assertEquals(1, childless.subtreeSize());
        TokenTable tokens = TokenTable.characters("abcdefg");
        BeamSearchDecoder d = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(16).optTokenThreshold(5.0)
                .optWordLm(BeamSearchDecoderTest.WORD_LM, 0.5, 1.0).build();
        BeamStream s = d.newStream();
        d.accept(s, FrameSource.of(peaky(new Random(5), 2000, tokens.size())));
        assertFalse(d.result(s).isEmpty(), "no hypothesis");
    }

    /** CTC-like frames: blank or a token (often the previous frame's again) far above the rest. */
    private static Tensor peaky(Random rng, int frames, int vocab) {
        float[] d = new float[frames * vocab];
        int top = 0;
        for (int t = 0; t < frames; t++) {
            if (rng.nextDouble() < 0.5) top = rng.nextDouble() < 0.5 ? 0 : 1 + rng.nextInt(vocab - 1);
            double z = 0;
            for (int v = 0; v < vocab; v++) {
                d[t * vocab + v] = (float) (rng.nextGaussian() * 1.5 + (v == top ? 10 : 0));
                z += Math.exp(d[t * vocab + v]);
            }
            for (int v = 0; v < vocab; v++) d[t * vocab + v] -= (float) Math.log(z);
        }
        return Tensor.of(d, frames, vocab);
    }
}
