package org.elman.models.data.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.elman.audio.AudioData;
import org.elman.audio.io.AudioInput;
import org.elman.audio.io.WavReader;
import org.elman.audio.io.WavWriter;

/**
 * Runs the engines for a plan over a thread pool: one process per utterance for espeak-ng,
 * espeak and flite, one festival process per batch of {@value #BATCH} utterances of one
 * voice, and FreeTTS in this JVM with one allocated voice per batch of {@value #BATCH}. Each result is written to a temporary name and renamed into place, so a WAV that exists
 * is complete; utterances whose WAV already exists and is valid (16 kHz, at least one sample) are
 * skipped, which makes runs resumable.
 */
public final class Synthesizer {
    static final int BATCH = 25;
    private final Path wavRoot;
    private final Path tmpRoot;
    private final int threads;
    private final AtomicLong done = new AtomicLong();

    public Synthesizer(Path outDir, int threads) {
        this.wavRoot = outDir.resolve("wav");
        this.tmpRoot = outDir.resolve("tmp");
        this.threads = threads;
    }

    /** Where an utterance's WAV goes. */
    public Path wavPath(PlannedUtterance u) {
        return wavRoot.resolve(u.split().dirName()).resolve(u.id() + ".wav");
    }

    /** Synthesises every utterance whose WAV is missing or invalid; returns how many were made. */
    public int run(List<PlannedUtterance> plan) throws IOException, InterruptedException {
        List<PlannedUtterance> todo = new ArrayList<>();
        for (PlannedUtterance u : plan) if (!isValidWav(wavPath(u))) todo.add(u);
        for (Split s : Split.values()) Files.createDirectories(wavRoot.resolve(s.dirName()));
        Files.createDirectories(tmpRoot);
        List<Runnable0> tasks = tasks(todo);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable0 t : tasks) futures.add(pool.submit(() -> {
                t.run();
                return null;
            }));
            for (Future<?> f : futures) f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            throw new IOException("synthesis failed: " + c, c);
        } finally {
            pool.shutdownNow();
            if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) deleteTree(tmpRoot);
        }
        return todo.size();
    }

    private interface Runnable0 {
        void run() throws IOException, InterruptedException;
    }

    private List<Runnable0> tasks(List<PlannedUtterance> todo) {
        List<Runnable0> tasks = new ArrayList<>();
        Map<String, List<PlannedUtterance>> festival = new LinkedHashMap<>();
        List<PlannedUtterance> freeTts = new ArrayList<>();
        for (PlannedUtterance u : todo) {
            if (u.voice().family().equals(VoiceCatalog.FESTIVAL)) {
                festival.computeIfAbsent(u.voice().name(), k -> new ArrayList<>()).add(u);
            } else if (u.voice().isFreeTts()) {
                freeTts.add(u);
            } else {
                tasks.add(() -> single(u));
            }
        }
        for (Map.Entry<String, List<PlannedUtterance>> e : festival.entrySet()) {
            for (List<PlannedUtterance> batch : batches(e.getValue())) tasks.add(() -> festivalBatch(e.getKey(), batch));
        }
        for (List<PlannedUtterance> batch : batches(freeTts)) tasks.add(() -> freeTtsBatch(batch));
        return tasks;
    }

    private static List<List<PlannedUtterance>> batches(List<PlannedUtterance> all) {
        List<List<PlannedUtterance>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        return out;
    }

    private void single(PlannedUtterance u) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(tmpRoot, "u");
        try {
            Path text = dir.resolve("text.txt");
            Path raw = dir.resolve("raw.wav");
            Files.writeString(text, u.sentence().speakable() + "\n", StandardCharsets.UTF_8);
            List<String> cmd = u.voice().family().equals(VoiceCatalog.FLITE)
                    ? EngineCommands.flite(u, text, raw) : EngineCommands.espeak(u, text, raw);
            exec(cmd, dir);
            convert(raw, u, dir);
        } finally {
            deleteTree(dir);
        }
    }

    private void festivalBatch(String voice, List<PlannedUtterance> batch) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(tmpRoot, "f");
        try {
            List<Path> raws = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) raws.add(dir.resolve("raw" + i + ".wav"));
            Path script = dir.resolve("batch.scm");
            Files.writeString(script, EngineCommands.festivalScript(voice, batch, raws), StandardCharsets.UTF_8);
            exec(List.of("festival", "-b", script.toString()), dir);
            for (int i = 0; i < batch.size(); i++) convert(raws.get(i), batch.get(i), dir);
        } finally {
            deleteTree(dir);
        }
    }

    private void freeTtsBatch(List<PlannedUtterance> batch) throws IOException {
        Path dir = Files.createTempDirectory(tmpRoot, "t");
        try (FreeTtsEngine engine = new FreeTtsEngine()) {
            for (PlannedUtterance u : batch) {
                AudioData audio = engine.speak(u.sentence().speakable(), u.speedWpm(), u.pitch());
                if (audio.sampleRateHz() != 16000) {
                    throw new IOException("FreeTTS " + u.voice().name() + " speaks at " + audio.sampleRateHz()
                            + " Hz, not 16000 Hz (" + u.id() + ")");
                }
                Path tmp = dir.resolve(u.id() + ".tmp.wav");
                WavWriter.writePcm16(tmp, audio);
                place(tmp, u);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private void convert(Path raw, PlannedUtterance u, Path dir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(raw)) throw new IOException(u.voice().family() + " wrote no audio for " + u.id());
        Path tmp = dir.resolve(u.id() + ".tmp.wav");
        exec(EngineCommands.sox(raw, tmp), dir);
        place(tmp, u);
    }

    /** Moves a finished WAV into place (atomically, so a WAV that exists is complete). */
    private void place(Path tmp, PlannedUtterance u) throws IOException {
        Files.move(tmp, wavPath(u), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long n = done.incrementAndGet();
        if (n % 200 == 0) System.err.println("synthesised " + n + " utterances");
    }

    private static void exec(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("engine.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        if (rc != 0) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            throw new IOException("command failed (exit " + rc + "): " + String.join(" ", cmd) + "\n"
                    + out.substring(Math.max(0, out.length() - 2000)));
        }
    }

    /** True when the file is a readable 16 kHz WAV with at least one sample. */
    public static boolean isValidWav(Path wav) {
        if (!Files.isRegularFile(wav)) return false;
        try (AudioInput in = WavReader.open(wav)) {
            return in.sampleRateHz() == 16000 && in.totalSamples() > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Duration of a WAV in seconds from its header. */
    public static double durationSeconds(Path wav) throws IOException {
        try (AudioInput in = WavReader.open(wav)) {
            return in.totalSamples() / (double) in.sampleRateHz();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
