package org.elman.audio.io;

import java.io.IOException;
import org.elman.audio.pcm.Resampler;

/** Wraps an {@link AudioInput}, resampling it block by block (bounded memory) to a target rate. */
public final class ResamplingInput implements AudioInput {
    private final AudioInput in;
    private final Resampler resampler;
    private final int rate;
    private final float[] inBuf = new float[8192];
    private float[] pending = new float[0];
    private int pendingPos;
    private boolean done;

    public ResamplingInput(AudioInput in, int targetRateHz) {
        this.in = in;
        this.rate = targetRateHz;
        this.resampler = new Resampler(in.sampleRateHz(), targetRateHz);
    }

    /** {@code in} itself when it is already at the target rate, else a resampling wrapper. */
    public static AudioInput of(AudioInput in, int targetRateHz) {
        return in.sampleRateHz() == targetRateHz ? in : new ResamplingInput(in, targetRateHz);
    }

    @Override
    public int sampleRateHz() {
        return rate;
    }

    @Override
    public int sourceChannels() {
        return in.sourceChannels();
    }

    @Override
    public long totalSamples() {
        long n = in.totalSamples();
        return n < 0 ? -1 : resampler.outputLength(n);
    }

    @Override
    public int read(float[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pendingPos == pending.length) {
            if (done) return -1;
            int r = in.read(inBuf, 0, inBuf.length);
            if (r < 0) {
                done = true;
                pending = resampler.process(inBuf, 0, 0, true);
            } else {
                pending = resampler.process(inBuf, 0, r, false);
            }
            pendingPos = 0;
        }
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, dst, off, n);
        pendingPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
