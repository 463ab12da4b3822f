package dev.apogee.client;

/**
 * A request did not get an answer: the connection could not be opened, broke, or the server was
 * too slow ({@link RequestTimeoutException}). The request may or may not have been processed.
 */
public class NetworkException extends ClientException {

    private static final long serialVersionUID = 1L;

    private final String address;

    /** A failure talking to {@code address}. */
    public NetworkException(String address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    /** The {@code host:port} the request went to. */
    public String address() {
        return address;
    }
}
