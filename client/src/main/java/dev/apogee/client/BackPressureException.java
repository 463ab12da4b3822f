package dev.apogee.client;

/**
 * Too many asynchronous requests are in flight and none finished within the time the caller was
 * willing to wait for a free slot. Send more slowly, or raise the in-flight limit.
 */
public class BackPressureException extends ClientException {

    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message}. */
    public BackPressureException(String message) {
        super(message);
    }
}
