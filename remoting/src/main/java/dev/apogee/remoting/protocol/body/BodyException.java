package dev.apogee.remoting.protocol.body;

/** A command body that is missing or cannot be decoded; answered as an error, never a crash. */
public class BodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BodyException(String message) {
        super(message);
    }

    public BodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
