package org.elman.ctc.decode;

import java.util.Arrays;

/**
 * Best-path decoding: the most likely symbol per frame, repeats merged, blanks dropped. Each token
 * is stamped with the first frame of its run; the score is the log-probability of the best path. Streaming uses {@link State}, a plain per-stream value.
 */
public final class GreedyDecoder {
    private final TokenTable tokens;

    public GreedyDecoder(TokenTable tokens) {
        if (tokens == null) throw new IllegalArgumentException("token table must not be null");
        this.tokens = tokens;
    }

    /** Per-stream progress: tokens so far, their frames, the previous frame's symbol and the frame count. */
    public static final class State {
        private int[] ids = new int[16];
        private int[] frames = new int[16];
        private int count;
        private int previous = -1;
        private int frame;
        private double score;
        private int trailingBlanks;

        public int framesSeen() {
            return frame;
        }

        /** Frames since the last non-blank best symbol (all frames when there was none); for endpointing. */
        public int trailingBlankFrames() {
            return trailingBlanks;
        }
    }

    public State newState() {
        return new State();
    }

    /** Decodes a whole input at once. */
    public Hypothesis decode(FrameSource x) {
        State s = newState();
        accept(s, x);
        return result(s);
    }

    /** Consumes the next chunk of frames of the stream. */
    public void accept(State s, FrameSource x) {
        if (x.vocab() != tokens.size()) {
            throw new IllegalArgumentException("input has " + x.vocab() + " symbols per frame, the token table " + tokens.size());
        }
        for (int t = 0; t < x.frames(); t++, s.frame++) {
            int best = 0;
            for (int v = 1; v < x.vocab(); v++) if (x.at(t, v) > x.at(t, best)) best = v;
            s.score += x.at(t, best);
            s.trailingBlanks = best == tokens.blank() ? s.trailingBlanks + 1 : 0;
            if (best != s.previous && best != tokens.blank()) {
                if (s.count == s.ids.length) {
                    s.ids = Arrays.copyOf(s.ids, 2 * s.count);
                    s.frames = Arrays.copyOf(s.frames, 2 * s.count);
                }
                s.ids[s.count] = best;
                s.frames[s.count++] = s.frame;
            }
            s.previous = best;
        }
    }

    /** The result so far (the state is not changed). */
    public Hypothesis result(State s) {
        int[] ids = Arrays.copyOf(s.ids, s.count);
        return new Hypothesis(ids, Arrays.copyOf(s.frames, s.count), tokens.join(ids), s.score, s.score);
    }
}
