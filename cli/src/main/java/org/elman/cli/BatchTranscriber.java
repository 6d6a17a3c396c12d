package org.elman.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.elman.audio.io.AudioInput;
import org.elman.models.io.ModelFiles;

/**
 * Decodes many inputs with {@code workers} threads, each with its own copy of the model (loaded
 * from the file once per thread, so no mutable state is shared), and hands the results over in
 * input order as they become available. Keeps the wall time and audio duration for the real-time
 * factor.
 */
final class BatchTranscriber {
    /** Receives each input's result in input order: a transcript, or the error for that input. */
    interface Sink {
        void accept(AudioJob job, Transcript transcript, RuntimeException error);
    }

    private final Path modelFile;
    private final DecodeSettings settings;
    private final ThreadLocal<SpeechDecoder> decoders;
    private double audioSeconds;
    private double wallSeconds;

    BatchTranscriber(Path modelFile, ModelFiles.Loaded first, DecodeSettings settings) {
        this.modelFile = modelFile;
        this.settings = settings;
        SpeechDecoder firstDecoder = new SpeechDecoder(first, settings);   // fails early on bad settings
        this.decoders = ThreadLocal.withInitial(() -> new SpeechDecoder(DecodeSettings.load(this.modelFile), this.settings));
        decoders.set(firstDecoder);
    }

    /** Decodes one input on the calling thread. */
    Transcript decode(AudioJob job) {
        SpeechDecoder d = decoders.get();
        try (AudioInput in = job.open(d.sampleRateHz())) {
            return d.decode(job.id(), in);
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            String m = ErrorReporter.describe(e);
            throw new CliException(m.startsWith(job.source()) ? m : job.source() + ": " + m, e);
        }
    }

    /** Decodes all jobs; returns the number that failed. */
    int run(List<AudioJob> jobs, int workers, Sink sink) throws InterruptedException {
        long start = System.nanoTime();
        int failed = 0;
        if (workers <= 1 || jobs.size() <= 1) {
            for (AudioJob j : jobs) {
                try {
                    Transcript t = decode(j);
                    audioSeconds += t.durationSeconds();
                    sink.accept(j, t, null);
                } catch (RuntimeException e) {
                    failed++;
                    sink.accept(j, null, e);
                }
            }
            wallSeconds = (System.nanoTime() - start) / 1e9;
            return failed;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, jobs.size())));
        try {
            List<Future<Transcript>> futures = new ArrayList<>();
            for (AudioJob j : jobs) futures.add(pool.submit(() -> decode(j)));
            for (int i = 0; i < jobs.size(); i++) {
                try {
                    Transcript t = futures.get(i).get();
                    audioSeconds += t.durationSeconds();
                    sink.accept(jobs.get(i), t, null);
                } catch (ExecutionException e) {
                    failed++;
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new CliException(ErrorReporter.describe(e.getCause()), e.getCause());
                    sink.accept(jobs.get(i), null, cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        wallSeconds = (System.nanoTime() - start) / 1e9;
        return failed;
    }

    /** {@code RTF 0.052 (1.25 s for 24.00 s of audio, 2 workers[, LM lm.arpa.gz])}; {@code lm} may be null. */
    String realTimeFactor(int workers, java.nio.file.Path lm) {
        return String.format(java.util.Locale.ROOT, "RTF %.3f (%.2f s for %.2f s of audio, %d worker%s%s)",
                audioSeconds > 0 ? wallSeconds / audioSeconds : 0.0, wallSeconds, audioSeconds, workers, workers == 1 ? "" : "s",
                lm == null ? "" : ", LM " + lm.getFileName());
    }
}
