package org.elman.cli;

/**
 * A failure whose message is complete and names the file and the problem; printed as is, exit
 * code {@value Elman#EXIT_FAILURE}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
