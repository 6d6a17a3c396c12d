package org.elman.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.elman.audio.io.AudioInput;
import org.elman.audio.io.AudioSources;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.NemoManifest;
import org.elman.models.data.Utterance;
import org.elman.models.io.ModelFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elman transcribe}: speech to text with an Elman model file, for one file, a folder, a
 * Kaldi data directory, a NeMo manifest, WAV on standard input or the microphone.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = {"Transcribes audio files, folders, data sets, standard input or the microphone.",
            "INPUT is a file (WAV, FLAC, or anything ffmpeg decodes), a folder of audio files (searched",
            "recursively), a Kaldi data directory, a NeMo manifest, '-' for WAV on standard input, or --mic.",
            "Prints the real-time factor (processing time / audio duration) on standard error. Long inputs",
            "are decoded in windows (--window), so memory stays bounded."})
final class TranscribeCommand implements Callable<Integer> {
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg", "opus", "m4a", "aac", "webm");

    @Spec
    CommandSpec spec;

    @Mixin
    DecodeSettings settings;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "Audio file, folder, Kaldi data dir, NeMo manifest, or '-'.")
    String input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json (words with start, end, confidence), srt or vtt (default ${DEFAULT-VALUE}).")
    TranscriptFormat format;

    @Option(names = {"-o", "--out-dir"}, paramLabel = "DIR", description = "Write one <id>.<txt|json|srt|vtt> file per input there.")
    Path outDir;

    @Option(names = "--mic", description = "Transcribe the microphone, printing each window's text as it ends (Ctrl-C stops).")
    boolean mic;

    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        if (mic == (input != null)) throw usage(mic ? "give either INPUT or --mic, not both" : "missing INPUT (a file, folder, manifest or '-'), or --mic");
        settings.validate();
        Path modelFile = settings.modelFile();
        ModelFiles.Loaded loaded = DecodeSettings.load(modelFile);
        if (mic) return microphone(loaded);
        List<AudioJob> jobs = jobs();
        if (jobs.isEmpty()) throw new CliException(input + ": no audio files found");
        if (jobs.size() > 1 && outDir == null && (format == TranscriptFormat.SRT || format == TranscriptFormat.VTT)) {
            throw usage("--format " + format.name().toLowerCase(Locale.ROOT) + " with several inputs needs --out-dir");
        }
        if (outDir != null) Files.createDirectories(outDir);
        BatchTranscriber batch = new BatchTranscriber(modelFile, loaded, settings);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean withId = jobs.size() > 1;
        int failed = batch.run(jobs, settings.workers, (job, t, error) -> {
            if (error != null) {
                err.println(spec.qualifiedName() + ": " + ErrorReporter.describe(error));
            } else {
                write(out, t, withId);
            }
            out.flush();
        });
        if (failed > 0 && jobs.size() > 1) err.println(spec.qualifiedName() + ": " + failed + " of " + jobs.size() + " inputs failed");
        if (failed < jobs.size()) err.println(batch.realTimeFactor(settings.workers, settings.lmFile()));
        err.flush();
        return failed == 0 ? Elman.EXIT_OK : Elman.EXIT_FAILURE;
    }

    private void write(PrintWriter out, Transcript t, boolean withId) {
        String s = format.render(t, withId && outDir == null);
        if (outDir == null) {
            out.print(s);
            return;
        }
        Path f = outDir.resolve(t.id().replace('/', '_') + "." + format.extension);
        try {
            Files.writeString(f, s);
        } catch (IOException e) {
            throw new CliException(f + ": cannot write: " + ErrorReporter.describe(e), e);
        }
    }

    /** The inputs: stdin, one file, a manifest, a Kaldi data dir, or the audio files of a folder. */
    List<AudioJob> jobs() throws IOException {
        if (input.equals("-")) return List.of(AudioJob.stdin(stdin));
        Path p = Path.of(input);
        if (!Files.exists(p)) throw new CliException(p + ": input not found");
        if (Files.isDirectory(p)) {
            if (Files.isRegularFile(p.resolve("wav.scp"))) return utterances(KaldiDataDir.read(p), p);
            return audioFiles(p);
        }
        if (isManifest(p)) return utterances(NemoManifest.read(p), p.toAbsolutePath().getParent());
        return List.of(AudioJob.file(stem(p), p));
    }

    static List<AudioJob> utterances(List<Utterance> utts, Path base) {
        List<AudioJob> jobs = new ArrayList<>();
        for (Utterance u : utts) jobs.add(AudioJob.of(u, base));
        return jobs;
    }

    private static List<AudioJob> audioFiles(Path dir) throws IOException {
        List<AudioJob> jobs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(f -> AUDIO_EXTENSIONS.contains(extension(f))).sorted()
                    .forEach(f -> jobs.add(AudioJob.file(dir.relativize(f).toString().replaceFirst("\\.[^.]*$", ""), f)));
        }
        return jobs;
    }

    /** A NeMo manifest: a .json/.jsonl file, or any non-audio file whose first non-blank character is '{'. */
    static boolean isManifest(Path p) throws IOException {
        String ext = extension(p);
        if (ext.equals("json") || ext.equals("jsonl")) return true;
        if (AUDIO_EXTENSIONS.contains(ext)) return false;
        try (InputStream in = Files.newInputStream(p)) {
            for (int c; (c = in.read()) >= 0; ) {
                if (!Character.isWhitespace(c)) return c == '{';
            }
        }
        return false;
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(Path p) {
        return p.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    private int microphone(ModelFiles.Loaded loaded) throws Exception {
        SpeechDecoder d = new SpeechDecoder(loaded, settings);
        PrintWriter out = spec.commandLine().getOut();
        try (AudioInput in = AudioSources.microphone(d.sampleRateHz(), 1024)) {
            double seconds = 0;
            for (Transcript t; (t = d.next("mic", in, seconds)) != null; seconds += t.durationSeconds()) {
                if (!t.text().isEmpty()) out.print(format.render(t, false));
                out.flush();
            }
        }
        return Elman.EXIT_OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
