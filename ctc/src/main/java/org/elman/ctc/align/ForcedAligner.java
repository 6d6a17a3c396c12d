package org.elman.ctc.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.TokenTable;

/**
 * CTC forced alignment: Viterbi over the CTC topology (blank, label, blank, ...; a label may be
 * skipped into from the one before the previous blank unless the two labels are equal), so each
 * frame is assigned to a blank or to one target token, in order. Token spans are the frames of the
 * token's state; word spans join the tokens between word-separator tokens. Confidences are mean
 * frame posteriors of the assigned token.
 *
 * <pre>{@code
 * Alignment a = new ForcedAligner(tokens).align(FrameSource.of(logProbs), "hello world");
 * a.words().get(1).start();  // first frame of "world"
 * }</pre>
 */
public final class ForcedAligner {
    private final TokenTable tokens;

    public ForcedAligner(TokenTable tokens) {
        if (tokens == null) throw new IllegalArgumentException("token table must not be null");
        this.tokens = tokens;
    }

    /** Aligns a transcript given as text (encoded with the token table). */
    public Alignment align(FrameSource x, String transcript) {
        return align(x, tokens.encode(transcript));
    }

    /** Aligns a transcript given as token ids. */
    public Alignment align(FrameSource x, int[] target) {
        if (x.vocab() != tokens.size()) {
            throw new IllegalArgumentException("input has " + x.vocab() + " symbols per frame, the token table " + tokens.size());
        }
        for (int i = 0; i < target.length; i++) {
            if (target[i] < 0 || target[i] >= tokens.size() || target[i] == tokens.blank()) {
                throw new IllegalArgumentException("target token " + target[i] + " at position " + i + " is not a non-blank token");
            }
        }
        int frames = x.frames();
        int states = 2 * target.length + 1;
        int[] ext = new int[states];
        for (int s = 0; s < states; s++) ext[s] = (s & 1) == 0 ? tokens.blank() : target[s >> 1];
        int[] back = new int[frames * states];
        double[] score = viterbi(x, ext, back);
        int end = states == 1 || score[states - 1] >= score[states - 2] ? states - 1 : states - 2;
        if (frames == 0 || score[end] == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("transcript of " + target.length + " tokens cannot be aligned to " + frames + " frames");
        }
        int[] path = new int[frames];
        for (int t = frames - 1, s = end; t >= 0; t--) {
            path[t] = (s & 1) == 1 ? s >> 1 : -1;
            s = back[t * states + s];
        }
        List<Alignment.TokenSpan> spans = tokenSpans(x, target, path);
        return new Alignment(path, spans, words(spans), score[end]);
    }

    /** Runs the recursion; returns the last frame's scores, filling back-pointers (state at t-1). */
    private static double[] viterbi(FrameSource x, int[] ext, int[] back) {
        int states = ext.length;
        double[] prev = new double[states];
        double[] cur = new double[states];
        Arrays.fill(prev, Double.NEGATIVE_INFINITY);
        if (x.frames() == 0) return prev;
        prev[0] = x.at(0, ext[0]);
        if (states > 1) prev[1] = x.at(0, ext[1]);
        for (int t = 1; t < x.frames(); t++) {
            for (int s = 0; s < states; s++) {
                int from = s;
                if (s >= 1 && prev[s - 1] > prev[from]) from = s - 1;
                if (s >= 2 && (s & 1) == 1 && ext[s] != ext[s - 2] && prev[s - 2] > prev[from]) from = s - 2;
                cur[s] = prev[from] + x.at(t, ext[s]);
                back[t * states + s] = from;
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev;
    }

    private static List<Alignment.TokenSpan> tokenSpans(FrameSource x, int[] target, int[] path) {
        int[] start = new int[target.length];
        int[] stop = new int[target.length];
        double[] conf = new double[target.length];
        Arrays.fill(start, -1);
        for (int t = 0; t < path.length; t++) {
            int i = path[t];
            if (i < 0) continue;
            if (start[i] < 0) start[i] = t;
            stop[i] = t + 1;
            conf[i] += Math.exp(x.at(t, target[i]));
        }
        List<Alignment.TokenSpan> out = new ArrayList<>();
        for (int i = 0; i < target.length; i++) {
            out.add(new Alignment.TokenSpan(target[i], start[i], stop[i], conf[i] / (stop[i] - start[i])));
        }
        return out;
    }

    private List<Alignment.WordSpan> words(List<Alignment.TokenSpan> spans) {
        List<Alignment.WordSpan> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= spans.size(); i++) {
            if (i == spans.size() || spans.get(i).token() == tokens.separator()) {
                if (i > from) out.add(word(spans.subList(from, i)));
                from = i + 1;
            }
        }
        return out;
    }

    private Alignment.WordSpan word(List<Alignment.TokenSpan> part) {
        StringBuilder text = new StringBuilder();
        double conf = 0;
        for (Alignment.TokenSpan s : part) {
            text.append(tokens.text(s.token()));
            conf += s.confidence();
        }
        return new Alignment.WordSpan(text.toString(), part.get(0).start(), part.get(part.size() - 1).end(), conf / part.size());
    }
}
