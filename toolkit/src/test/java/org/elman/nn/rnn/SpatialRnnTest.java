package org.elman.nn.rnn;

import static org.elman.nn.rnn.ElmanTestSupport.assertGradients;
import static org.elman.nn.rnn.ElmanTestSupport.randn;
import static org.elman.nn.rnn.SimpleRnnTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpatialRnnTest {
    private static SpatialRnn renet(int c, int ph, int pw, int hidden) {
        return SpatialRnn.builder().setInputChannels(c).setPatchSize(ph, pw).setHiddenSize(hidden).optSeed(8).build();
    }

    @Test
    void matchesRowThenColumnSweepsDoneByHand() {
        SpatialRnn r = renet(2, 2, 2, 3);
        Tensor image = randn(1, 1f, 2, 2, 4, 6);
        Tensor out = r.forward(image);
        assertArrayEquals(new int[] {2, 6, 2, 3}, out.shape());
        assertEquals(6, r.outputChannels());
        Tensor expected = reference(r, image, 2, 2);
        ElmanTestSupport.assertClose(expected, out, 1e-5, "ReNet output");
    }

    /** Loops over the patch grid, running each unit on one row or column at a time. */
    private static Tensor reference(SpatialRnn r, Tensor image, int ph, int pw) {
        int n = image.size(0);
        int c = image.size(1);
        int gi = image.size(2) / ph;
        int gj = image.size(3) / pw;
        float[][][][] rows = new float[n][gi][][];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < gi; i++) {
                float[][] seq = new float[gj][c * ph * pw];
                for (int j = 0; j < gj; j++) {
                    int k = 0;
                    for (int ch = 0; ch < c; ch++) {
                        for (int y = 0; y < ph; y++) {
                            for (int x = 0; x < pw; x++) seq[j][k++] = image.get(b, ch, i * ph + y, j * pw + x);
                        }
                    }
                }
                rows[b][i] = bothWays(unit(r, "row_fwd"), unit(r, "row_bwd"), seq);
            }
        }
        int d = r.outputChannels();
        Tensor out = Tensor.zeros(n, d, gi, gj);
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < gj; j++) {
                float[][] seq = new float[gi][];
                for (int i = 0; i < gi; i++) seq[i] = rows[b][i][j];
                float[][] col = bothWays(unit(r, "col_fwd"), unit(r, "col_bwd"), seq);
                for (int i = 0; i < gi; i++) {
                    for (int k = 0; k < d; k++) out.set(col[i][k], b, k, i, j);
                }
            }
        }
        return out;
    }

    private static Recurrent unit(SpatialRnn r, String name) {
        return (Recurrent) r.children().get(name);
    }

    /** {@code [fwd(seq)[t] ; bwd(reversed seq)[len - 1 - t]]} for one sequence given as rows. */
    private static float[][] bothWays(Recurrent fwd, Recurrent bwd, float[][] seq) {
        int t = seq.length;
        int f = seq[0].length;
        Tensor ahead = Tensor.zeros(t, 1, f);
        Tensor back = Tensor.zeros(t, 1, f);
        for (int s = 0; s < t; s++) {
            for (int k = 0; k < f; k++) {
                ahead.set(seq[s][k], s, 0, k);
                back.set(seq[t - 1 - s][k], s, 0, k);
            }
        }
        Tensor a = fwd.forward(ahead).output();
        Tensor b = bwd.forward(back).output();
        int ha = a.size(2);
        int hb = b.size(2);
        float[][] out = new float[t][ha + hb];
        for (int s = 0; s < t; s++) {
            for (int k = 0; k < ha; k++) out[s][k] = a.get(s, 0, k);
            for (int k = 0; k < hb; k++) out[s][ha + k] = b.get(t - 1 - s, 0, k);
        }
        return out;
    }

    @Test
    void gradientsOnATinyImage() {
        SpatialRnn r = renet(1, 2, 2, 2);
        Tensor image = randn(2, 1f, 1, 1, 4, 4);
        List<Tensor> inputs = new ArrayList<>(r.parameters());
        inputs.add(image);
        assertGradients(() -> r.forward(image), inputs, 1e-3f, 1e-2);
    }

    @Test
    void twoLayersStackAndAnyUnitPlugsIn() {
        SpatialRnn first = renet(3, 2, 2, 4);
        SpatialRnn second = SpatialRnn.builder().setInputChannels(first.outputChannels()).setPatchSize(1, 2)
                .optUnit(f -> DeepTransitionRnn.builder().setInputSize(f).setHiddenSize(3).setTransitionDepth(2).build())
                .build();
        Tensor image = randn(3, 1f, 2, 3, 8, 8).requiresGrad(true);
        Tensor out = second.forward(first.forward(image));
        assertArrayEquals(new int[] {2, 6, 4, 2}, out.shape());
        out.sum().backward();
        assertNotNull(image.grad());
        for (Tensor p : first.parameters()) assertNotNull(p.grad(), "every first-layer parameter gets a gradient");
        assertTrue(second.namedParameters().containsKey("col_bwd.transition2_weight"));
    }

    @Test
    void badConfigAndInput() {
        SpatialRnn r = renet(2, 2, 2, 3);
        assertMessage("not divisible into 2x2", () -> r.forward(randn(1, 1f, 1, 2, 5, 4)));
        assertMessage("C = 3", () -> r.forward(randn(1, 1f, 1, 3, 4, 4)));
        assertMessage("(N, C, H, W)", () -> r.forward(randn(1, 1f, 2, 4, 4)));
        assertMessage("patch size", () -> SpatialRnn.builder().setInputChannels(2).setHiddenSize(3).build());
        assertMessage("hidden size", () -> SpatialRnn.builder().setInputChannels(2).setPatchSize(1, 1).build());
        assertMessage("must be a Module", () -> SpatialRnn.builder().setInputChannels(2).setPatchSize(1, 1).optUnit(f -> null).build());
    }
}
