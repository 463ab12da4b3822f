package dev.apogee.remoting.transport;

/** No response arrived within the invocation's timeout. */
public class RemotingTimeoutException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingTimeoutException(String message) {
        super(message);
    }
}
