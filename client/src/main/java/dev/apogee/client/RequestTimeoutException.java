package dev.apogee.client;

/** No answer came within the request's timeout; the server may still process the request. */
public class RequestTimeoutException extends NetworkException {

    private static final long serialVersionUID = 1L;

    /** A request to {@code address} that timed out. */
    public RequestTimeoutException(String address, String message, Throwable cause) {
        super(address, message, cause);
    }
}
