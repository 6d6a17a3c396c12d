package org.elman.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.elman.io.SafeTensors;
import org.elman.io.SafeTensorsReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elman models}: lists the {@code .safetensors} model files of the model folders with
 * their size, tensor and parameter counts, architecture and vocabulary size (from the
 * {@code __metadata__}, see {@link ModelInfo}).
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Lists model files (*.safetensors) with their architecture and vocabulary.",
            "Searches the bundled models/default folder of the installation, ~/.elman/models (or",
            "$ELMAN_MODELS) and the --dir folders; architecture and vocabulary",
            "size come from each file's __metadata__."})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Another folder to search (repeatable).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--no-default", description = "Do not search the bundled and default folders.")
    boolean noDefault;

    @Option(names = {"-l", "--long"}, description = "Also print every metadata entry (long values shortened).")
    boolean longListing;

    /** The default model folder: {@code $ELMAN_MODELS}, else {@code ~/.elman/models}. */
    static Path defaultDir() {
        String env = System.getenv("ELMAN_MODELS");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".elman", "models");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> folders = new ArrayList<>();
        if (!noDefault) {
            Path bundled = DecodeSettings.bundledDir();
            if (bundled != null && Files.isDirectory(bundled)) folders.add(bundled);
            folders.add(defaultDir());
        }
        for (Path d : dirs) folders.add(Inputs.directory(d, "model folder"));
        int found = 0, bad = 0;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                out.println(folder + ": (no such folder)");
                continue;
            }
            List<Path> files = modelFiles(folder);
            out.println(folder + ": " + files.size() + " model file" + (files.size() == 1 ? "" : "s"));
            for (Path f : files) {
                found++;
                if (!describe(f, out)) bad++;
            }
        }
        out.flush();
        return bad == 0 ? Elman.EXIT_OK : Elman.EXIT_FAILURE;
    }

    static List<Path> modelFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder, 3)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
    }

    /** Prints one model; false (with the reason) when the file cannot be read. */
    private boolean describe(Path f, PrintWriter out) throws IOException {
        try (SafeTensorsReader r = SafeTensors.open(f)) {
            ModelInfo info = ModelInfo.of(r);
            out.printf(Locale.ROOT, "  %s  %s, %d tensors, %,d parameters, architecture: %s, vocabulary: %s%s%n",
                    f.getFileName(), sizeText(Files.size(f)), info.tensors(), info.parameters(),
                    info.architecture() != null ? info.architecture() : "?",
                    info.vocabularySize() >= 0 ? Integer.toString(info.vocabularySize()) : "?",
                    info.features() != null ? ", features: " + info.features() : "");
            if (longListing) {
                for (Map.Entry<String, String> e : r.metadata().entrySet()) {
                    out.println("      " + e.getKey() + " = " + shorten(e.getValue()));
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            out.println("  " + f.getFileName() + "  unreadable: " + ErrorReporter.describe(e));
            return false;
        }
    }

    static String sizeText(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String shorten(String v) {
        String one = v.replace('\n', ' ');
        return one.length() <= 100 ? one : one.substring(0, 97) + "...";
    }
}
