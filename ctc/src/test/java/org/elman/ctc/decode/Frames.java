package org.elman.ctc.decode;

import java.util.Random;
import org.elman.tensor.Tensor;

/** Builders of (T, V) log-probability inputs for decoder tests. */
final class Frames {
    private Frames() {}

    /** Random log-softmax frames; {@code sharpness} scales the logits. */
    static Tensor random(Random rng, int frames, int vocab, double sharpness) {
        float[] d = new float[frames * vocab];
        for (int t = 0; t < frames; t++) {
            double z = 0;
            for (int v = 0; v < vocab; v++) {
                d[t * vocab + v] = (float) (rng.nextGaussian() * sharpness);
                z += Math.exp(d[t * vocab + v]);
            }
            for (int v = 0; v < vocab; v++) d[t * vocab + v] -= (float) Math.log(z);
        }
        return Tensor.of(d, frames, vocab);
    }

    /**
     * One frame per row of {@code script}: each row maps token ids to probabilities; the leftover
     * mass is spread evenly over the other symbols.
     */
    static Tensor scripted(int vocab, double[][] script) {
        float[] d = new float[script.length * vocab];
        for (int t = 0; t < script.length; t++) {
            double[] row = new double[vocab];
            double used = 0;
            int listed = 0;
            for (int i = 0; i + 1 < script[t].length; i += 2) {
                row[(int) script[t][i]] = script[t][i + 1];
                used += script[t][i + 1];
                listed++;
            }
            double rest = (1 - used) / (vocab - listed);
            for (int v = 0; v < vocab; v++) {
                double p = row[v] > 0 ? row[v] : rest;
                d[t * vocab + v] = (float) Math.log(p);
            }
        }
        return Tensor.of(d, script.length, vocab);
    }
}
