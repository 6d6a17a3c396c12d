package org.elman.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
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
 *   <li>each stream's CTC decoding and endpoint rules ({@link StreamDecoder#complete});</li>
 *   <li>the streams whose utterance ends now (an endpoint, or an {@code eof} or {@code reset} job)
 *       through one {@link AcousticModel#finishStreams} call (their last frames and the model's
 *       right context), then each stream's final result ({@link StreamDecoder#endUtterance});</li>
 *   <li>each job's reply.</li>
 * </ol>
 * Ending utterances is batched too: in a server whose clients speak alike, many streams reach an
 * endpoint together, and one by one each end cost about as much as a batch-1 model step (4 ms
 * here). Each worker runs its kernels on its own thread ({@link Parallel#callerThreadOnly}): the
 * workers already share the cores. No job waits for a batch to fill: at light load batches are
 * single jobs (lowest latency); under load the jobs that queue up while a batch runs form the next,
 * larger batch, which costs less per stream. A failing job fails
 * alone unless the batched model call itself fails. Replies are delivered on the submitting
 * session's context (its event loop).
 */
final class DecodeBatcher {
    /**
     * One unit of a session's work: audio (PCM16 bytes), or with {@code pcm} null the end of the
     * utterance ({@code eof}, {@code reset}). The reply is made from the utterance that ended, or
     * from null when an audio job ended none.
     */
    record Job(Context context, Supplier<StreamDecoder> decoder, byte[] pcm,
               BiFunction<StreamDecoder, StreamDecoder.Utterance, String> reply) {}

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
            StreamDecoder[] ds = new StreamDecoder[n];
            boolean[] ending = steps(batch, ds, errors);
            ModelCall last = new ModelCall(n);
            for (int i = 0; i < n; i++) {
                StreamDecoder d = ds[i];
                if (ending[i] && errors[i] == null) last.add(i, d.modelState(), d::endInput, errors);
            }
            Tensor[] lastOuts = last.run(model::finishStreams, errors);
            for (int i = 0; i < n; i++) {
                if (errors[i] != null) continue;
                try {
                    replies[i] = batch.get(i).job().reply().apply(ds[i], ending[i] ? ds[i].endUtterance(lastOuts[i]) : null);
                } catch (RuntimeException e) {
                    errors[i] = e;
                }
            }
        }
        double each = (System.nanoTime() - t0) * 1e-9 / n;
        metrics.batched(n);
        for (int i = 0; i < n; i++) deliver(batch.get(i), errors[i] == null ? new Done(replies[i], each) : null, errors[i]);
    }

    /**
     * Steps 1 to 3 of the class comment: the front end of every audio job, one model call for all
     * ready chunks, then each stream's decoding. Returns which streams end their utterance now
     * (an endpoint, or an {@code eof}/{@code reset} job).
     */
    private boolean[] steps(List<Pending> batch, StreamDecoder[] ds, Throwable[] errors) {
        int n = batch.size();
        ModelCall step = new ModelCall(n);
        for (int i = 0; i < n; i++) {
            Job job = batch.get(i).job();
            try {
                ds[i] = job.decoder().get();
            } catch (RuntimeException e) {
                errors[i] = e;
                continue;
            }
            StreamDecoder d = ds[i];
            if (job.pcm() != null) step.add(i, d.modelState(), () -> d.prepare(Pcm16.toFloats(job.pcm())), errors);
        }
        Tensor[] outs = step.run(model::forwardChunks, errors);
        boolean[] ending = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) continue;
            try {
                ending[i] = batch.get(i).job().pcm() == null || ds[i].complete(outs[i]);
            } catch (RuntimeException e) {
                errors[i] = e;
            }
        }
        return ending;
    }

    /** The streams' chunks for one batched model call; a job whose chunk fails to come fails alone. */
    private static final class ModelCall {
        private final List<StreamState> states = new ArrayList<>();
        private final List<Tensor> chunks = new ArrayList<>();
        private final List<Integer> who = new ArrayList<>();
        private final Tensor[] outs;

        ModelCall(int jobs) {
            outs = new Tensor[jobs];
        }

        /** Adds job i's chunk (none when the supplier gives null). */
        void add(int i, StreamState state, Supplier<Tensor> chunk, Throwable[] errors) {
            try {
                Tensor c = chunk.get();
                if (c == null) return;
                states.add(state);
                chunks.add(c);
                who.add(i);
            } catch (RuntimeException e) {
                errors[i] = e;
            }
        }

        /** Runs the call; outputs by job index (null: no chunk). If the call fails, its jobs fail. */
        Tensor[] run(BiFunction<List<StreamState>, List<Tensor>, List<Tensor>> call, Throwable[] errors) {
            if (who.isEmpty()) return outs;
            try {
                List<Tensor> got = call.apply(states, chunks);
                for (int k = 0; k < who.size(); k++) outs[who.get(k)] = got.get(k);
            } catch (RuntimeException e) {
                for (int i : who) errors[i] = e;
            }
            return outs;
        }
    }

    private static void deliver(Pending p, Done done, Throwable error) {
        Context c = p.job().context();
        if (error == null) c.runOnContext(v -> p.promise().complete(done));
        else c.runOnContext(v -> p.promise().fail(error));
    }
}
