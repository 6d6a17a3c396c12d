package org.elman.models.data.synth;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks for (and with permission installs) the engines, tools and text packages the recipe needs. */
public final class Prerequisites {
    /** The packages {@code --install} installs, in one apt-get call. */
    public static final List<String> PACKAGES = List.of("espeak-ng", "espeak", "flite", "festival",
            "festvox-kallpc16k", "festvox-kdlpc16k", "sox", "fortunes", "bible-kjv", "wordnet-base", "dict-gcide",
            "dict-devil", "jargon-text", "sword-text-web", "libsword-utils", "wamerican");
    static final Path FESTIVAL_VOICES = Path.of("/usr/share/festival/voices/english");

    private Prerequisites() {
    }

    /** Missing items as "what (package)" for every engine family; empty when everything is there. */
    public static List<String> missing() {
        return missing(VoiceCatalog.standard().weights().keySet());
    }

    /**
     * Missing items as "what (package)" for the given engine families and the text sources; empty
     * when everything is there. FreeTTS comes from Maven and needs nothing; the other engines need
     * their program and sox.
     */
    public static List<String> missing(Collection<String> families) {
        List<String> out = new ArrayList<>();
        Map<String, String> programs = new LinkedHashMap<>();
        for (String f : List.of(VoiceCatalog.ESPEAK_NG, VoiceCatalog.ESPEAK, VoiceCatalog.FLITE, VoiceCatalog.FESTIVAL)) {
            if (families.contains(f)) programs.put(f, f);
        }
        if (!programs.isEmpty()) programs.put("sox", "sox");
        programs.put("bible", "bible-kjv");
        programs.put("mod2imp", "libsword-utils");
        programs.forEach((prog, pkg) -> {
            if (!onPath(prog)) out.add("program '" + prog + "' (" + pkg + ")");
        });
        if (families.contains(VoiceCatalog.FESTIVAL)) {
            if (!Files.isDirectory(FESTIVAL_VOICES.resolve("kal_diphone"))) out.add("festival voice kal_diphone (festvox-kallpc16k)");
            if (!Files.isDirectory(FESTIVAL_VOICES.resolve("ked_diphone"))) out.add("festival voice ked_diphone (festvox-kdlpc16k)");
        }
        CorpusSources.requiredFiles().forEach((file, pkg) -> {
            if (!Files.exists(file)) out.add("file " + file + " (" + pkg + ")");
        });
        return out;
    }

    /** The apt-get command line. */
    public static List<String> installCommand() {
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        cmd.addAll(PACKAGES);
        return cmd;
    }

    /**
     * Runs apt-get install (needs root) with output passed through; when that fails, runs
     * {@code apt-get update} once and tries again (a fresh machine has no package lists).
     */
    public static void install() throws IOException, InterruptedException {
        if (runInherited(installCommand()) == 0) return;
        runInherited(List.of("apt-get", "update"));
        int rc = runInherited(installCommand());
        if (rc != 0) throw new IOException("apt-get install failed with exit code " + rc + " (it needs root)");
    }

    private static int runInherited(List<String> cmd) throws IOException, InterruptedException {
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
