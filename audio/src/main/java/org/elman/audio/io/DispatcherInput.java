package org.elman.audio.io;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Adapts a TarsosDSP {@link AudioDispatcher} (microphone, pipe, stream) to the pull-style
 * {@link AudioInput}. The dispatcher runs on its own daemon thread and hands copies of its
 * non-overlapping buffers to a bounded queue; {@link #read} blocks until audio arrives. When the
 * consumer falls behind by more than the queue capacity, the capture thread waits (no audio is
 * dropped). {@link #close()} stops the dispatcher.
 */
public final class DispatcherInput implements AudioInput {
    private static final float[] END = new float[0];

    private final AudioDispatcher dispatcher;
    private final int rate;
    private final BlockingQueue<float[]> queue = new ArrayBlockingQueue<>(256);
    private float[] current = new float[0];
    private int pos;
    private boolean ended;

    /** Starts {@code dispatcher} (which must have no overlap) on a background thread. */
    public DispatcherInput(AudioDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.rate = Math.round(dispatcher.getFormat().getSampleRate());
        dispatcher.addAudioProcessor(new AudioProcessor() {
            @Override
            public boolean process(AudioEvent e) {
                put(e.getFloatBuffer().clone());
                return true;
            }

            @Override
            public void processingFinished() {
                put(END);
            }
        });
        Thread t = new Thread(dispatcher, "elman-audio-capture");
        t.setDaemon(true);
        t.start();
    }

    private void put(float[] block) {
        try {
            queue.put(block);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dispatcher.stop();
        }
    }

    @Override
    public int sampleRateHz() {
        return rate;
    }

    @Override
    public int sourceChannels() {
        return dispatcher.getFormat().getChannels();
    }

    @Override
    public long totalSamples() {
        return -1;
    }

    @Override
    public int read(float[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pos == current.length) {
            if (ended) return -1;
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for audio");
            }
            pos = 0;
            if (current == END) ended = true;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, dst, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        dispatcher.stop();
    }
}
