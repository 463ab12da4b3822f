package dev.apogee.remoting.protocol.header;

/**
 * A custom header that cannot be decoded: a required field is missing or a value does not parse.
 * Request dispatch turns it into an error response naming the field, never a crash.
 */
public class HeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HeaderException(String message) {
        super(message);
    }

    public HeaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
