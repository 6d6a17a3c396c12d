package org.elman.ctc.lm;

/** A malformed language-model file, with the file name and 1-based line number of the problem. */
public final class LmFormatException extends RuntimeException {
    private final String source;
    private final int line;

    public LmFormatException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
