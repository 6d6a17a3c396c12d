package org.elman.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on input paths that fail with a {@link CliException} naming the file. */
final class Inputs {
    private Inputs() {
    }

    /** The path of an existing, readable regular file. */
    static Path file(Path p, String what) {
        if (!Files.exists(p)) throw new CliException(p + ": " + what + " not found");
        if (Files.isDirectory(p)) throw new CliException(p + ": " + what + " is a directory, expected a file");
        if (!Files.isReadable(p)) throw new CliException(p + ": " + what + " is not readable (permission denied)");
        return p;
    }

    /** The path of an existing directory. */
    static Path directory(Path p, String what) {
        if (!Files.exists(p)) throw new CliException(p + ": " + what + " not found");
        if (!Files.isDirectory(p)) throw new CliException(p + ": " + what + " is not a directory");
        return p;
    }
}
