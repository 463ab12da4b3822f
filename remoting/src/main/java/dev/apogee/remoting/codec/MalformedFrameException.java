package dev.apogee.remoting.codec;

/**
 * A frame that cannot be decoded: bad length, truncated or garbage header. The connection it
 * arrived on cannot be trusted to be in sync any more and is closed.
 */
public class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }

    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
