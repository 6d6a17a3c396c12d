package org.elman.ctc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elman.ctc.decode.TokenTable;
import org.elman.ctc.lm.ArpaLm;
import org.elman.ctc.lm.NgramLmBuilder;
import org.elman.tensor.Tensor;

/**
 * Random inputs for CTC benchmarks, reusable by the benchmarks module (through this module's
 * test jar) so our numbers and a peer library's are taken on identical data.
 */
public final class CtcWorkloads {
    private CtcWorkloads() {}

    /**
     * A loss batch: logits {@code (T, N, V)} standard normal, blank 0, every sequence T frames long with
     * L labels drawn from {@code 1..V-1}.
     */
    public record LossBatch(Tensor logits, int[] inputLengths, int[][] targets, int[] targetLengths, int[] flatTargets) {}

    public static LossBatch lossBatch(int frames, int batch, int vocab, int targetLen, long seed) {
        if (targetLen * 2 + 1 > frames * 2) throw new IllegalArgumentException("targets of " + targetLen + " cannot fit " + frames + " frames");
        Random rng = new Random(seed);
        Tensor logits = Tensor.randn(rng, frames, batch, vocab);
        int[] inLens = new int[batch];
        int[] tLens = new int[batch];
        int[][] targets = new int[batch][targetLen];
        int[] flat = new int[batch * targetLen];
        for (int n = 0; n < batch; n++) {
            inLens[n] = frames;
            tLens[n] = targetLen;
            for (int i = 0; i < targetLen; i++) {
                targets[n][i] = 1 + rng.nextInt(vocab - 1);
                flat[n * targetLen + i] = targets[n][i];
            }
        }
        return new LossBatch(logits, inLens, targets, tLens, flat);
    }

    /** The character token table of the decoding workload: blank, separator, a-z and apostrophe (V = 29). */
    public static TokenTable characterTokens() {
        return TokenTable.characters("abcdefghijklmnopqrstuvwxyz'");
    }

    /** A random corpus over a fixed vocabulary of 200 pronounceable words (the same for every seed). */
    public static List<String> corpus(int sentences, long seed) {
        Random vocabRng = new Random(0);
        Random rng = new Random(seed);
        String[] syll = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "do"};
        String[] words = new String[200];
        for (int w = 0; w < words.length; w++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + vocabRng.nextInt(3);
            for (int i = 0; i < n; i++) sb.append(syll[vocabRng.nextInt(syll.length)]);
            words[w] = sb.toString();
        }
        List<String> out = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            StringBuilder sb = new StringBuilder();
            int len = 3 + rng.nextInt(10);
            for (int i = 0; i < len; i++) sb.append(i > 0 ? " " : "").append(words[(int) Math.min(199, Math.abs(rng.nextGaussian()) * 50)]);
            out.add(sb.toString());
        }
        return out;
    }

    /** A 3-gram LM estimated from {@link #corpus}. */
    public static ArpaLm trigramLm(long seed) {
        return ArpaLm.parse(NgramLmBuilder.builder().setOrder(3).build().buildArpa(corpus(2000, seed)), "bench-3gram");
    }

    /**
     * Peaky log-probabilities {@code (T, V)} like a trained model's, spelling sentences of the corpus:
     * each token held 1-3 frames, blanks between, the spoken symbol boosted over Gaussian noise.
     */
    public static Tensor decodingFrames(TokenTable tokens, int frames, long seed) {
        Random rng = new Random(seed);
        List<String> text = corpus(200, seed + 1);
        int vocab = tokens.size();
        float[] d = new float[frames * vocab];
        int t = 0;
        for (int s = 0; t < frames; s++) {
            for (int id : tokens.encode(text.get(s % text.size()) + " ")) {
                for (int k = 0, hold = 1 + rng.nextInt(3); k < hold + 1 && t < frames; k++, t++) {
                    int sym = k < hold ? id : tokens.blank();
                    fillFrame(d, t, vocab, sym, rng);
                }
            }
        }
        return Tensor.of(d, frames, vocab);
    }

    private static void fillFrame(float[] d, int t, int vocab, int sym, Random rng) {
        double z = 0;
        for (int v = 0; v < vocab; v++) {
            d[t * vocab + v] = (float) (rng.nextGaussian() + (v == sym ? 6.0 : 0.0));
            z += Math.exp(d[t * vocab + v]);
        }
        for (int v = 0; v < vocab; v++) d[t * vocab + v] -= (float) Math.log(z);
    }
}
