package dev.apogee.client;

/**
 * A request not sent at all: its server could not be connected to a moment ago and is left alone
 * for {@link #waitMillis()} more (the reconnect backoff), so that a dead server is not hammered.
 */
public class ConnectBackoffException extends NetworkException {

    private static final long serialVersionUID = 1L;

    private final long waitMillis;

    /** A request to {@code address} refused for another {@code waitMillis}. */
    public ConnectBackoffException(String address, long waitMillis) {
        super(address, "not connecting to " + address + " for another " + waitMillis + " ms: the last connect failed",
                null);
        this.waitMillis = waitMillis;
    }

    /** Milliseconds until the server may be tried again. */
    public long waitMillis() {
        return waitMillis;
    }
}
