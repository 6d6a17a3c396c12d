package org.elman.models.io;

/** A model file that cannot be loaded: the message starts with the file and names the problem. */
public final class ModelFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelFileException(String message) {
        super(message);
    }
}
