package dev.apogee.remoting.transport;

/** Too many asynchronous or oneway invocations are outstanding; the caller should back off. */
public class RemotingTooManyRequestsException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingTooManyRequestsException(String message) {
        super(message);
    }
}
