package org.elman.nn.rnn;

import static org.elman.nn.rnn.ElmanTestSupport.assertGradients;
import static org.elman.nn.rnn.ElmanTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The one-node sequence ops under the Elman-family layers. */
class ElmanLoopTest {
    @Test
    void reverseWithinEachLength() {
        // (T=3, N=2, 1): sequence 0 = 1 2 3, sequence 1 = 4 5 | pad 6
        Tensor seq = Tensor.of(new float[] {1, 4, 2, 5, 3, 6}, 3, 2, 1);
        assertArrayEquals(new float[] {3, 5, 2, 4, 1, 6}, ElmanLoop.reverse(seq, new int[] {3, 2}).toArray());
        assertArrayEquals(new float[] {3, 6, 2, 5, 1, 4}, ElmanLoop.reverse(seq, null).toArray());
    }

    @Test
    void maskZerosPaddedSteps() {
        Tensor seq = Tensor.of(new float[] {1, 4, 2, 5, 3, 6}, 3, 2, 1);
        assertArrayEquals(new float[] {1, 4, 2, 0, 0, 0}, ElmanLoop.maskSequence(seq, new int[] {2, 1}).toArray());
    }

    @Test
    void gradientsOfTheSequenceOps() {
        Tensor seq = randn(1, 1f, 4, 3, 2);
        int[] lengths = {4, 1, 3};
        assertGradients(() -> ElmanLoop.reverse(seq, lengths), List.of(seq), 1e-2f, 1e-3);
        assertGradients(() -> ElmanLoop.maskSequence(seq, lengths), List.of(seq), 1e-2f, 1e-3);
        assertGradients(() -> {
            Tensor[] steps = ElmanLoop.unstack(seq);
            return Reshape.concat(0, steps[3], steps[0].mul(steps[0]));
        }, List.of(seq), 1e-2f, 1e-3);
        Tensor old = randn(2, 1f, 3, 2);
        boolean[] valid = {true, false, true};
        assertGradients(() -> Reshape.concat(0, ElmanLoop.keepRows(valid, Reshape.select(seq, 0, 1), old),
                ElmanLoop.keepRows(valid, old.mul(old), null)), List.of(seq, old), 1e-2f, 1e-3);
    }
}
