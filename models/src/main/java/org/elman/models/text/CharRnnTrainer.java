package org.elman.models.text;

import org.elman.nn.loss.CrossEntropy;
import org.elman.nn.rnn.RnnOutput;
import org.elman.nn.rnn.RnnState;
import org.elman.optim.Adam;
import org.elman.optim.GradClip;
import org.elman.optim.Optimizer;
import org.elman.tensor.Tensor;

/**
 * Trains a {@link CharRnn} with truncated BPTT: the text is cut into {@code batch} contiguous
 * streams read in parallel, {@code steps} characters at a time; the LSTM state is carried from one
 * chunk to the next and detached, so gradients reach back at most {@code steps} characters.
 * Adam, gradient clipping by global norm.
 */
public final class CharRnnTrainer {
    private final CharRnn model;
    private final int[] tokens;
    private final int batch;
    private final int steps;
    private final double clip;
    private final Optimizer optimizer;
    private final CrossEntropy loss = CrossEntropy.builder().build();
    private final int streamLength;
    private int position;
    private RnnState state;

    public CharRnnTrainer(CharRnn model, int[] tokens, int batch, int steps, double lr, double clip) {
        if (batch <= 0 || steps <= 0) throw new IllegalArgumentException("batch and steps must be positive");
        this.streamLength = tokens.length / batch;
        if (streamLength < steps + 1) {
            throw new IllegalArgumentException("text of " + tokens.length + " characters is too short for " + batch
                    + " streams of chunks of " + steps);
        }
        this.model = model;
        this.tokens = tokens;
        this.batch = batch;
        this.steps = steps;
        this.clip = clip;
        this.optimizer = Adam.builder().setParams(model.parameters()).setLr(lr).build();
        this.state = model.zeroState(batch);
    }

    /** One chunk: forward, loss, backward, clip, update. Returns the mean loss in nats per character. */
    public float step() {
        if (position + steps + 1 > streamLength) {
            position = 0;
            state = model.zeroState(batch);
        }
        int[] in = new int[steps * batch];
        int[] target = new int[steps * batch];
        for (int t = 0; t < steps; t++) {
            for (int n = 0; n < batch; n++) {
                int at = n * streamLength + position + t;
                in[t * batch + n] = tokens[at];
                target[t * batch + n] = tokens[at + 1];
            }
        }
        model.zeroGrad();
        RnnOutput out = model.forward(in, steps, batch, state);
        Tensor l = loss.compute(out.output().reshape(steps * batch, model.vocabSize()), target);
        l.backward();
        GradClip.byNorm(model.parameters(), clip);
        optimizer.step();
        state = out.state().detach();
        position += steps;
        return l.item();
    }

    /** Characters consumed per {@link #step()}. */
    public int charsPerStep() {
        return steps * batch;
    }
}
