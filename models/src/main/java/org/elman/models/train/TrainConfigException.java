package org.elman.models.train;

/** A training config file that cannot be used; the message names the file and the key. */
public final class TrainConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TrainConfigException(String message) {
        super(message);
    }

    public TrainConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
