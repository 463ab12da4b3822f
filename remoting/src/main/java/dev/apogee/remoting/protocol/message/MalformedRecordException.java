package dev.apogee.remoting.protocol.message;

/** Bytes that are not a well-formed stored-message record. */
public class MalformedRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }
}
