package dev.apogee.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/**
 * A temporary queue: lives as long as the connection that created it, which alone may delete it
 * (through the {@link TemporaryDestinationDeleter} it gave). One learnt from a message cannot be deleted.
 */
public final class ApogeeTemporaryQueue extends ApogeeQueue implements TemporaryQueue {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationDeleter deleter;

    /** A temporary queue named {@code name}; {@code deleter} is null when this side did not create it. */
    public ApogeeTemporaryQueue(String name, TemporaryDestinationDeleter deleter) {
        super(name);
        this.deleter = deleter;
    }

    @Override
    public Kind kind() {
        return Kind.TEMPORARY_QUEUE;
    }

    @Override
    public void delete() throws JMSException {
        if (deleter == null) {
            throw new IllegalStateException("temporary queue " + name()
                    + " can only be deleted by the connection that created it");
        }
        deleter.delete(this);
    }
}
