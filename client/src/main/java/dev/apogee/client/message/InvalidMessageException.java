package dev.apogee.client.message;

/**
 * A message, topic, property or batch that breaks the protocol's rules, refused before anything is
 * sent. An {@link IllegalArgumentException}: it is the caller's input that is wrong.
 */
public class InvalidMessageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A refusal explained by {@code message}. */
    public InvalidMessageException(String message) {
        super(message);
    }
}
