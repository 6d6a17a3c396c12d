package org.elman.models.data;

import java.io.IOException;
import java.nio.file.Path;

/** Bad corpus input: names the file and, where there is one, the 1-based line. */
public final class DataFormatException extends IOException {
    private final Path file;
    private final int line;

    public DataFormatException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public DataFormatException(Path file, String message) {
        this(file, 0, message);
    }

    /** The file with the problem. */
    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 when the problem is not on one line. */
    public int line() {
        return line;
    }
}
