package dev.apogee.client;

/** The producer, consumer or client runtime was closed (or is closing) before or during the call. */
public class ClientClosedException extends ClientException {

    private static final long serialVersionUID = 1L;

    /** A call refused because {@code what} is closed. */
    public ClientClosedException(String what) {
        super(what + " is closed");
    }
}
