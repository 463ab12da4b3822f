package dev.apogee.client;

/**
 * Base of every failure the client reports. Unchecked: a caller that can do something about a
 * specific failure catches the subclass ({@link BrokerRefusedException}, {@link NetworkException},
 * {@link NoRouteException}, ...), everyone else lets it propagate.
 */
public class ClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public ClientException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
