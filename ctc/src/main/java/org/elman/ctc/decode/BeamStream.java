package org.elman.ctc.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-stream state of {@link BeamSearchDecoder}: the live beams, the prefix tree they point
 * into, the hot words of this stream and the number of frames consumed. A plain value owned by the
 * caller; the decoder itself is immutable and shared by all streams.
 */
public final class BeamStream {
    /** One live prefix with its CTC probabilities of ending in blank and in a non-blank (log). */
    static final class Beam {
        final Prefix prefix;
        double blank = Double.NEGATIVE_INFINITY;
        double nonBlank = Double.NEGATIVE_INFINITY;
        /** Ranking score, set once per frame before sorting. */
        double rank;

        Beam(Prefix prefix) {
            this.prefix = prefix;
        }
    }

    final HotWords hotWords;
    final Prefix root;
    List<Beam> beams = new ArrayList<>();
    int frame;
    int serial = 1;
    int generation;

    BeamStream(HotWords hotWords, Prefix root) {
        this.hotWords = hotWords;
        this.root = root;
        Beam b = new Beam(root);
        b.blank = 0.0;
        beams.add(b);
    }

    /** The number of prefixes held in this stream's tree (the live beams, their ancestors and cached children). */
    int treeSize() {
        return root.subtreeSize();
    }

    /** Frames consumed so far. */
    public int framesSeen() {
        return frame;
    }
}
