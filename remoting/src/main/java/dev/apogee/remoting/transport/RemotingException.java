package dev.apogee.remoting.transport;

/** A remote invocation that did not produce a response: connection, send or timeout failure. */
public class RemotingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemotingException(String message) {
        super(message);
    }

    public RemotingException(String message, Throwable cause) {
        super(message, cause);
    }
}
