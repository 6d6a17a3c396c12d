package org.elman.models.seq2seq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.elman.autograd.GradMode;
import org.elman.ops.Softmax;
import org.elman.tensor.Tensor;

/**
 * Joint CTC/attention one-pass beam search (Watanabe et al. 2017, section 3.3; ESPnet's
 * label-synchronous decoder). A hypothesis g is extended by token c with
 * <pre>
 *   score(g c) = score(g) + lambda (psi(g c) - psi(g)) + (1 - lambda) log p_att(c | g, x)
 * </pre>
 * where psi is the CTC prefix score ({@link CtcPrefixScorer}); ending uses the end symbol with
 * {@code psi(g eos) = log p_ctc(g | x)}. Each step keeps the {@code beam} best of all extensions;
 * extensions by the end symbol leave the beam as finished. Scores never increase along a
 * hypothesis, so the search stops when the best finished score is at least the best live one (or
 * after T' tokens, the most CTC allows). With lambda in (0, 1) the candidates of each hypothesis
 * are first cut to the {@code ceil(1.5 beam)} best by attention score (ESPnet's pre-beam).
 *
 * <p>Returns the best hypothesis with its attention weights, one row per output step (its tokens,
 * then the end symbol) over the T' encoder frames, for plotting alignments.
 */
public final class JointBeamSearch {
    private final Seq2SeqCtcModel model;
    private final int beam;
    private final float lambda;

    /**
     * @param beam      hypotheses kept per step, at least 1
     * @param ctcWeight lambda in [0, 1]: 0 attention only, 1 CTC only
     */
    public JointBeamSearch(Seq2SeqCtcModel model, int beam, float ctcWeight) {
        if (model == null) throw new IllegalArgumentException("joint beam search needs a model");
        if (beam < 1) throw new IllegalArgumentException("beam width must be >= 1, got " + beam);
        if (!(ctcWeight >= 0 && ctcWeight <= 1)) throw new IllegalArgumentException("CTC weight must be in [0, 1], got " + ctcWeight);
        this.model = model;
        this.beam = beam;
        this.lambda = ctcWeight;
    }

    /** The best output: tokens (no end symbol), its joint score and attention weights {@code [steps][T']}. */
    public record Result(int[] tokens, double score, float[][] attention) {}

    private record Hyp(int[] tokens, double score, AttentionDecoder.State state, CtcPrefixScorer.Prefix ctc, List<float[]> weights) {}

    /** Decodes one utterance's features {@code (T, F)}; the model is put in eval mode. */
    @SuppressWarnings("try")   // the scope only switches gradient recording off
    public Result decode(Tensor features) {
        if (features == null || features.dim() != 2) throw new IllegalArgumentException("joint beam search decodes (T, F) features of one utterance");
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Seq2SeqCtcModel.Encoded e = model.encode(features.reshape(features.size(0), 1, features.size(1)), null);
            int frames = e.lengths()[0];
            Tensor ctc = model.ctcLogProbs(e.output());
            CtcPrefixScorer scorer = new CtcPrefixScorer(ctc.reshape(frames, model.vocabSize()), 0);
            AttentionDecoder.Memory mem = model.decoder().memory(e.output(), e.lengths());
            List<Hyp> live = List.of(new Hyp(new int[0], 0, model.decoder().zeroState(1), scorer.initial(), List.of()));
            List<Hyp> ended = new ArrayList<>();
            for (int step = 0; step <= frames && !live.isEmpty(); step++) {
                List<Hyp> next = new ArrayList<>();
                for (Hyp h : live) expand(h, mem, scorer, next, step == frames);
                next.sort(Comparator.comparingDouble(Hyp::score).reversed());
                live = new ArrayList<>();
                for (Hyp h : next.subList(0, Math.min(beam, next.size()))) {
                    if (h.state() == null) ended.add(h); else live.add(h);
                }
                double bestEnded = ended.stream().mapToDouble(Hyp::score).max().orElse(Double.NEGATIVE_INFINITY);
                if (!live.isEmpty() && bestEnded >= live.get(0).score()) break;
            }
            Hyp best = ended.stream().max(Comparator.comparingDouble(Hyp::score))
                    .orElseThrow(() -> new IllegalStateException("beam search ended without a finished hypothesis"));
            return new Result(best.tokens(), best.score(), best.weights().toArray(new float[0][]));
        }
    }

    /** Adds h's extensions (the end symbol, marked by a null state, and tokens unless onlyEnd). */
    private void expand(Hyp h, AttentionDecoder.Memory mem, CtcPrefixScorer scorer, List<Hyp> out, boolean onlyEnd) {
        int last = h.tokens().length == 0 ? AttentionDecoder.SOS_EOS : h.tokens()[h.tokens().length - 1];
        AttentionDecoder.Step st = model.decoder().step(mem, new int[] {last}, h.state());
        float[] att = Softmax.logSoftmax(st.logits(), 1).toArray();
        List<float[]> weights = new ArrayList<>(h.weights());
        weights.add(st.weights().toArray());
        double eos = h.score() + lambda * (scorer.endScore(h.ctc()) - h.ctc().score()) + (1 - lambda) * att[AttentionDecoder.SOS_EOS];
        out.add(new Hyp(h.tokens(), eos, null, h.ctc(), weights));
        if (onlyEnd) return;
        for (int c : candidates(att)) {
            CtcPrefixScorer.Prefix p = lambda > 0 ? scorer.extend(h.ctc(), c) : h.ctc();
            double s = h.score() + lambda * (p.score() - h.ctc().score()) + (1 - lambda) * att[c];
            int[] tokens = java.util.Arrays.copyOf(h.tokens(), h.tokens().length + 1);
            tokens[tokens.length - 1] = c;
            out.add(new Hyp(tokens, s, st.state(), p, weights));
        }
    }

    /** Token ids worth extending by: all non-blank ids, or the pre-beam best by attention score. */
    private int[] candidates(float[] att) {
        int v = att.length;
        Integer[] ids = new Integer[v - 1];
        for (int i = 1; i < v; i++) ids[i - 1] = i;
        int keep = lambda > 0 && lambda < 1 ? Math.min(v - 1, (int) Math.ceil(1.5 * beam)) : v - 1;
        if (lambda < 1) java.util.Arrays.sort(ids, (a, b) -> Float.compare(att[b], att[a]));
        int[] out = new int[keep];
        for (int i = 0; i < keep; i++) out[i] = ids[i];
        return out;
    }
}
