package org.elman.audio;

/**
 * Audio input that cannot be decoded: a corrupt or truncated file, an unsupported encoding, an
 * implausible header value, or samples that are not finite numbers. The message names the source
 * (usually a file path) and the problem.
 */
public class AudioFormatException extends RuntimeException {
    private final String source;

    public AudioFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public AudioFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file or stream name the error refers to. */
    public String source() {
        return source;
    }
}
