package org.elman.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.elman.autograd.GradMode;
import org.elman.backend.cpu.Parallel;
import org.elman.models.speech.AcousticModel;
import org.elman.models.speech.StreamState;
import org.elman.tensor.Tensor;

/**
 * The decode workers with dynamic batching. Sessions submit one job at a time each (a session's
 * next job waits for its reply), so a batch never holds two jobs of one stream. Each worker thread
 * takes every job waiting (up to the batch limit) and runs them together:
 * <ol>
 *   <li>each audio job's PCM through its stream's front end ({@link StreamDecoder#prepare});</li>
 *   <li>the ready feature chunks of all those streams through the model in one call
 *       ({@link AcousticModel#forwardChunks}, one forward pass per layer for the TDNN);</li>
 *   <li>each stream's CTC decoding and endpointing ({@link StreamDecoder#complete}) and its reply.</li>
 * </ol>
 * Each worker runs its kernels on its own thread ({@link Parallel#callerThreadOnly}): the workers
 * already share the cores. Control jobs ({@code eof}, {@code reset}) run alone within the batch. No job waits for a batch to
 * fill: at light load batches are single jobs (lowest latency); under load the jobs that queue up
 * while a batch runs form the next, larger batch, which costs less per stream. A failing job fails
 * alone unless the batched model call itself fails. Replies are delivered on the submitting
 * session's context (its event loop).
 */
final class DecodeBatcher {
    /**
     * One unit of a session's work. Audio jobs carry PCM16 bytes and make their reply from the
     * utterance that ended (or null); control jobs carry a function run on the decoder.
     */
    record Job(Context context, Supplier<StreamDecoder> decoder, byte[] pcm,
               BiFunction<StreamDecoder, StreamDecoder.Utterance, String> audioReply,
               Function<StreamDecoder, String> control) {}

    /** A job's reply and its share of the batch's compute time. */
    record Done(String reply, double computeSeconds) {}

    private record Pending(Job job, Promise<Done> promise) {}

    private static final Pending STOP = new Pending(null, null);

    private final AcousticModel model;
    private final int maxBatch;
    private final Metrics metrics;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean closed;

    DecodeBatcher(AcousticModel model, int threads, int maxBatch, Metrics metrics) {
        this.model = model;
        this.maxBatch = maxBatch;
        this.metrics = metrics;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "elman-decode-" + i);
            t.setDaemon(true);
            this.threads.add(t);
            t.start();
        }
    }

    /** Queues a job; throws {@link RejectedExecutionException} once the batcher is closed. */
    synchronized Future<Done> submit(Job job) {
        if (closed) throw new RejectedExecutionException("decode workers are closed");
        Promise<Done> p = Promise.promise();
        queue.add(new Pending(job, p));
        return p.future();
    }

    /** Jobs waiting for a worker. */
    int queued() {
        return queue.size();
    }

    /** Stops the workers after their current batch; waiting jobs fail with {@link RejectedExecutionException}. */
    void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending p : left) deliver(p, null, new RejectedExecutionException("server shutting down"));
        for (int i = 0; i < threads.size(); i++) queue.add(STOP);
    }

    private void work() {
        Parallel.callerThreadOnly(true);   // the workers already share the cores
        List<Pending> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            int stop = batch.indexOf(STOP);
            if (stop >= 0) {
                for (Pending p : batch.subList(stop + 1, batch.size())) {
                    if (p == STOP) queue.add(STOP);   // another worker's
                    else deliver(p, null, new RejectedExecutionException("server shutting down"));
                }
                run(batch.subList(0, stop));
                return;
            }
            run(batch);
        }
    }

    @SuppressWarnings("try")   // the scope only switches gradient recording off
    private void run(List<Pending> batch) {
        if (batch.isEmpty()) return;
        long t0 = System.nanoTime();
        int n = batch.size();
        String[] replies = new String[n];
        Throwable[] errors = new Throwable[n];
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor[] outs = modelOutputs(batch, errors);
            for (int i = 0; i < n; i++) {
                if (errors[i] != null) continue;
                Job job = batch.get(i).job();
                try {
                    StreamDecoder d = job.decoder().get();
                    replies[i] = job.pcm() == null ? job.control().apply(d) : job.audioReply().apply(d, d.complete(outs[i]));
                } catch (RuntimeException e) {
                    errors[i] = e;
                }
            }
        }
        double each = (System.nanoTime() - t0) * 1e-9 / n;
        metrics.batched(n);
        for (int i = 0; i < n; i++) deliver(batch.get(i), errors[i] == null ? new Done(replies[i], each) : null, errors[i]);
    }

    /** Steps 1 and 2: the front end of every audio job, then one model call for all ready chunks. */
    private Tensor[] modelOutputs(List<Pending> batch, Throwable[] errors) {
        Tensor[] outs = new Tensor[batch.size()];
        List<StreamState> states = new ArrayList<>();
        List<Tensor> chunks = new ArrayList<>();
        List<Integer> who = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Job job = batch.get(i).job();
            if (job.pcm() == null) continue;
            try {
                StreamDecoder d = job.decoder().get();
                Tensor chunk = d.prepare(Pcm16.toFloats(job.pcm()));
                if (chunk == null) continue;
                states.add(d.modelState());
                chunks.add(chunk);
                who.add(i);
            } catch (RuntimeException e) {
                errors[i] = e;
            }
        }
        if (who.isEmpty()) return outs;
        try {
            List<Tensor> got = model.forwardChunks(states, chunks);
            for (int k = 0; k < who.size(); k++) outs[who.get(k)] = got.get(k);
        } catch (RuntimeException e) {
            for (int i : who) errors[i] = e;
        }
        return outs;
    }

    private static void deliver(Pending p, Done done, Throwable error) {
        Context c = p.job().context();
        if (error == null) c.runOnContext(v -> p.promise().complete(done));
        else c.runOnContext(v -> p.promise().fail(error));
    }
}
